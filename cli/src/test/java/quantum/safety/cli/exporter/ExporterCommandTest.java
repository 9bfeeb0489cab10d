package quantum.safety.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import quantum.safety.cli.Main;
import quantum.safety.cli.settings.CommandSettings;

/**
 * The exporter command in process: its flags, their env twins and its answers to bad input. The same command as a
 * user runs it (the launcher and the runnable jar) is {@link ExporterCommandIT}.
 */
class ExporterCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theHelpExplainsEveryFlagWithItsEnvTwinAndAnExample() {
        Run help = run("exporter", "--help");
        assertThat(help.exitCode()).isZero();
        for (String flag : List.of("--web.listen-address", "--web.config.file", "--web.max-scrape-timeout", "--window",
                "--faults.top-symbols", "--collector.top5-info", "--no-collector.top5-info", "--deployment", "--redis.addr", "--log.level")) {
            assertThat(help.out()).contains(flag);
        }
        assertThat(help.out()).contains("QUANTUM_SAFETY_WEB_LISTEN_ADDRESS", "legacy PORT", "SAFETY_WINDOW_SEC",
                "QUANTUM_SAFETY_COLLECTOR_TOP5_INFO", "QUANTUM_SAFETY_DEPLOYMENT", "Examples:");
    }

    private static ExporterCommand parse(String... args) {
        return parse(Map.of(), args);
    }

    /** The command with its settings installed, in the given environment. */
    private static ExporterCommand parse(Map<String, String> env, String... args) {
        CommandLine cli = CommandSettings.install(new CommandLine(new ExporterCommand()), env);
        cli.parseArgs(args);
        return cli.getCommand();
    }

    @Test
    void top5InfoIsOnByDefaultAndTurnsOffEitherWay() {
        assertThat(parse().config().top5Info()).isTrue();
        assertThat(parse("--collector.top5-info").config().top5Info()).isTrue();
        assertThat(parse("--no-collector.top5-info").config().top5Info()).isFalse();
        assertThat(parse("--collector.top5-info=false").config().top5Info()).isFalse();
    }

    @Test
    void listenAddressesRepeatOrSplitOnCommasAndDefaultToTheDualStackPort() {
        assertThat(parse().config().listenAddresses()).containsExactly(":9105");
        assertThat(parse("--web.listen-address=127.0.0.1:1", "--web.listen-address=[::1]:2,:3").config()
                .listenAddresses()).containsExactly("127.0.0.1:1", "[::1]:2", ":3");
        assertThat(parse("--window=15s").config().windowSeconds()).isEqualTo(15);
        assertThat(parse("--window=15").config().windowSeconds()).isEqualTo(15);
    }

    @Test
    void flagsWinOverEnvAndTheNewEnvNamesOverTheLegacyOnes() {
        assertThat(parse(Map.of("PORT", "9200")).config().listenAddresses()).containsExactly("9200");
        assertThat(parse(Map.of("PORT", "9200", "QUANTUM_SAFETY_WEB_LISTEN_ADDRESS", "127.0.0.1:9201")).config()
                .listenAddresses()).containsExactly("127.0.0.1:9201");
        assertThat(parse(Map.of("PORT", "9200"), "--web.listen-address=:9202").config().listenAddresses())
                .containsExactly(":9202");
        assertThat(parse(Map.of("SAFETY_WINDOW_SEC", "30")).config().windowSeconds()).isEqualTo(30);
        assertThat(parse(Map.of("SAFETY_WINDOW_SEC", "30", "QUANTUM_SAFETY_WINDOW_SEC", "20")).config().windowSeconds())
                .isEqualTo(20);
        assertThat(parse(Map.of("QUANTUM_SAFETY_WINDOW_SEC", "20"), "--window=15s").config().windowSeconds())
                .isEqualTo(15);
        assertThat(parse(Map.of("QUANTUM_SAFETY_COLLECTOR_TOP5_INFO", "false")).config().top5Info()).isFalse();
        assertThat(parse(Map.of("QUANTUM_SAFETY_FAULTS_TOP_SYMBOLS", "3")).config().faultsTopSymbols()).isEqualTo(3);
    }

    /** An empty variable counts as unset, as it does for the kernel's own env reading. */
    @Test
    void theArchiveUrlComesFromTheFlagOrItsEnvTwin() {
        assertThat(parse().config().archiveUrl()).isEmpty();
        assertThat(parse(Map.of("QUANTUM_SAFETY_WEB_ARCHIVE_URL", "https://archive.example:9107")).config().archiveUrl())
                .hasValue(java.net.URI.create("https://archive.example:9107"));
        assertThat(parse("--web.archive-url=http://10.0.0.7:9107/").config().archiveUrl())
                .hasValue(java.net.URI.create("http://10.0.0.7:9107/"));
    }

    @Test
    void anEmptyEnvVariableCountsAsUnset() {
        assertThat(parse(Map.of("QUANTUM_SAFETY_WEB_LISTEN_ADDRESS", "", "PORT", "9200")).config().listenAddresses())
                .containsExactly("9200");
        assertThat(parse(Map.of("QUANTUM_SAFETY_FAULTS_TOP_SYMBOLS", "")).config().faultsTopSymbols()).isEqualTo(10);
    }

    @Test
    void badFlagValuesExitWithTheUsageCodeAndALineNamingTheFlag() {
        Map<List<String>, String> cases = Map.of(
                List.of("--window=1500ms"), "--window=1500ms",
                List.of("--window=soon"), "soon",
                List.of("--faults.top-symbols=-1"), "--faults.top-symbols=-1",
                List.of("--web.max-scrape-timeout=0s"), "--web.max-scrape-timeout",
                List.of("--web.listen-address=nowhere"), "'nowhere'",
                List.of("--collector.top5-info=maybe"), "maybe",
                List.of("--web.archive-url=archive:9107"), "--web.archive-url",
                List.of("--web.archive-url=https://admin:secret@archive:9107"), "must not carry a user");
        cases.forEach((args, mention) -> {
            String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("exporter"), args.stream())
                    .toArray(String[]::new);
            Run run = run(argv);
            assertThat(run.exitCode()).as(args.toString()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err().lines().findFirst()).as(args.toString())
                    .hasValueSatisfying(line -> assertThat(line).startsWith("error: ").contains(mention));
        });
    }

    @Test
    void aMissingOrBadWebConfigExitsWithTheUsageCodeAndOneLine() throws Exception {
        Path missing = dir.resolve("missing.yml");
        Run run = run("exporter", "--web.listen-address=127.0.0.1:0", "--web.config.file=" + missing);
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("error: web config " + missing).contains("cannot read");

        Path bad = dir.resolve("web.yml");
        Files.writeString(bad, "basic_auth_users:\n  prometheus: hunter2\n");
        run = run("exporter", "--web.listen-address=127.0.0.1:0", "--web.config.file=" + bad);
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("basic_auth_users.prometheus is not a bcrypt hash").doesNotContain("hunter2");
    }
}
