package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import quantum.safety.cli.Main;
import quantum.safety.cli.ops.OpsCommandTest.Run;
import quantum.safety.ops.prometheus.RemoteWrite;
import quantum.safety.ops.prometheus.RemoteWriteChoice;
import quantum.safety.testkit.RequiresTools;

/**
 * {@code ops install --remote-write.*} through the real command line: env twins, bad input exiting 2 with one line
 * that repeats no secret and changes nothing, and (with promtool, {@code --no-reload}) the entry written, kept by an
 * identical install and by one without the flags (the plan naming the install it comes from), taken out with
 * {@code --remote-write.url=none}.
 */
class RemoteWriteCommandTest {

    @TempDir
    Path tmp;

    private static InstallCommand parse(Map<String, String> env, String... args) {
        ParseResult result = Main.newCommandLine(env).parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec().commandLine().getCommand();
    }

    @Test
    void everyFlagHasItsEnvTwinAndTheFlagWins() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_REMOTE_WRITE_URL", "https://mimir.example.com/api/v1/push",
                "QUANTUM_SAFETY_REMOTE_WRITE_USERNAME", "trading",
                "QUANTUM_SAFETY_REMOTE_WRITE_PASSWORD_FILE", "/etc/prometheus/pw",
                "QUANTUM_SAFETY_REMOTE_WRITE_HEADERS", "X-Scope-OrgID=trading,X-Team=risk",
                "QUANTUM_SAFETY_REMOTE_WRITE_ALL_SERIES", "true");

        RemoteWrite fromEnv = parse(env, "ops", "install").remoteWrite.remoteWrite().orElseThrow();
        RemoteWrite fromFlag = parse(env, "ops", "install", "--remote-write.url=http://10.0.0.5:8428/api/v1/write",
                "--remote-write.all-series=false").remoteWrite.remoteWrite().orElseThrow();

        assertThat(fromEnv.url()).isEqualTo("https://mimir.example.com/api/v1/push");
        assertThat(fromEnv.username()).contains("trading");
        assertThat(fromEnv.passwordFile()).contains(Path.of("/etc/prometheus/pw"));
        assertThat(fromEnv.headers()).containsOnlyKeys("X-Scope-OrgID", "X-Team");
        assertThat(fromEnv.allSeries()).isTrue();
        assertThat(fromFlag.url()).isEqualTo("http://10.0.0.5:8428/api/v1/write");
        assertThat(fromFlag.allSeries()).isFalse();
        assertThat(parse(Map.of(), "ops", "install").remoteWrite.choice()).isEqualTo(RemoteWriteChoice.NOT_GIVEN);
        assertThat(parse(Map.of("QUANTUM_SAFETY_REMOTE_WRITE_URL", "none"), "ops", "install").remoteWrite.choice())
                .isEqualTo(RemoteWriteChoice.TAKEN_OUT);
    }

    @Test
    void badInputExitsTwoWithOneLineThatRepeatsNoSecretAndChangesNothing() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        for (String[] bad : new String[][] {
                {"--remote-write.url=https://trading:hunter2@mimir.example.com/api/v1/push"},
                {"--remote-write.url=mimir.example.com"},
                {"--remote-write.url=https://mimir.example.com/api/v1/push?token=hunter2"},
                {"--remote-write.url=https://m.example.com/api/v1/push", "--remote-write.header=X-Api-Key=hunter2"},
                {"--remote-write.url=https://m.example.com/api/v1/push", "--remote-write.username=trading",
                        "--remote-write.password-file=" + tmp.resolve("missing")},
                {"--remote-write.username=trading"},
                {"--remote-write.all-series=false"},
                {"--remote-write.url="},
                {"--remote-write.url=off"},
                {"--remote-write.url=none", "--remote-write.header=X-Scope-OrgID=trading"}}) {
            Run run = OpsCommandTest.run(Stream.concat(Stream.of("ops", "install", "--prometheus.config=" + config,
                    "--prometheus.rules-dir=" + tmp.resolve("rules"), "--no-reload", "--yes"), Stream.of(bad))
                    .toArray(String[]::new));

            assertThat(run.code()).as(String.join(" ", bad) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1).first().asString()
                    .startsWith("error: --remote-write.").doesNotContain("hunter2");
        }
        assertThat(Files.readString(config)).isEqualTo("scrape_configs: []\n");
        assertThat(tmp.resolve("rules")).doesNotExist();
    }

    @Test
    void theHelpExplainsItWithAnExample() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.newCommandLine(Map.of());
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("ops", "install", "--help")).isZero();

        assertThat(out.toString()).contains("--remote-write.url", "QUANTUM_SAFETY_REMOTE_WRITE_PASSWORD_FILE",
                "--remote-write.header=X-Scope-OrgID=trading", "--remote-write.url=none");
    }

    @Test
    @RequiresTools({"promtool"})
    void theEntryIsWrittenKeptByAnInstallWithoutTheFlagsAndTakenOutWithNone() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "# mine\nscrape_configs: []\n");
        Path password = Files.writeString(tmp.resolve("pw"), "s3cr3t\n");
        String[] remoteWrite = {"--remote-write.url=https://mimir.example.com/api/v1/push",
                "--remote-write.username=trading", "--remote-write.password-file=" + password,
                "--remote-write.header=X-Scope-OrgID=trading"};

        install(config, remoteWrite);
        String installed = Files.readString(config);
        assertThat(installed).contains("  - name: quantum_safety\n", "password_file: " + password,
                "X-Scope-OrgID: trading").doesNotContain("s3cr3t");
        assertThat(install(config, remoteWrite).out()).contains("nothing changed");

        String manifest = Files.readString(onlyManifest());
        assertThat(manifest).contains("\"url\" : \"https://mimir.example.com/api/v1/push\"", password.toString())
                .doesNotContain("s3cr3t");

        Run without = install(config);
        assertThat(without.out()).contains("nothing changed", "keep remote_write entry quantum_safety -> "
                + "https://mimir.example.com/api/v1/push (basic auth as trading, headers [X-Scope-OrgID], jobs "
                + "quantum_safety_telemetry, quantum_safety_kernel, quantum_safety_archive only), kept from the install of ")
                .contains("; --remote-write.url=none takes it out");
        assertThat(Files.readString(config)).isEqualTo(installed);

        Run upgrade = install(config, "--job.environment=production");
        assertThat(upgrade.out()).as("another change: the entry stays, and the new manifest records it again")
                .contains("kept from the install of ").doesNotContain("remove remote_write");
        assertThat(Files.readString(config)).contains("environment: production", "  - name: quantum_safety\n");

        Files.delete(password);
        Run gone = OpsCommandTest.run("ops", "install", "--prometheus.config=" + config,
                "--prometheus.rules-dir=" + tmp.resolve("rules"), "--exporter.address=127.0.0.1:19105", "--no-reload",
                "--yes");
        assertThat(gone.code()).as(gone.err()).isEqualTo(2);
        assertThat(gone.err().strip()).startsWith("error: --remote-write.password-file " + password + ": no such file")
                .contains("(the remote write kept from the install of ").endsWith("or --remote-write.url=none to take it out)");

        Run none = install(config, "--remote-write.url=none");
        assertThat(none.out()).contains("remove remote_write entry quantum_safety -> "
                + "https://mimir.example.com/api/v1/push: an earlier install added it, and --remote-write.url=none "
                + "takes it out");
        assertThat(Files.readString(config)).doesNotContain("remote_write");
        assertThat(install(config).out()).as("taken out, and it stays out").contains("nothing changed")
                .doesNotContain("remote_write");
    }

    private Path onlyManifest() throws java.io.IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("quantum-safety-backups"))) {
            return files.filter(f -> f.toString().endsWith(".json")).reduce((a, b) -> {
                throw new AssertionError("more than one manifest: " + a + ", " + b);
            }).orElseThrow();
        }
    }

    private Run install(Path config, String... extra) {
        Run run = OpsCommandTest.run(Stream.concat(Stream.of("ops", "install", "--prometheus.config=" + config,
                "--prometheus.rules-dir=" + tmp.resolve("rules"), "--exporter.address=127.0.0.1:19105", "--no-reload",
                "--yes"), Stream.of(extra)).toArray(String[]::new));
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        return run;
    }
}
