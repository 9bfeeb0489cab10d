package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.cli.Main;
import quantum.safety.ops.Fixtures;

class OpsCommandTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyOptionOfOpsAndDoctorNamesItsEnvTwinAndHelpHasExamples() {
        CommandLine root = Main.newCommandLine();
        List<CommandLine> commands = List.of(root.getSubcommands().get("doctor"),
                root.getSubcommands().get("ops").getSubcommands().get("install"),
                root.getSubcommands().get("ops").getSubcommands().get("verify"),
                root.getSubcommands().get("ops").getSubcommands().get("rollback"),
                root.getSubcommands().get("ops").getSubcommands().get("backups"));
        for (CommandLine command : commands) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                assertThat(String.join(" ", option.description())).as(command.getCommandName() + " " + option.longestName())
                        .contains("Env: QUANTUM_SAFETY_");
            }
            assertThat(command.getUsageMessage()).as(command.getCommandName()).contains("Example", "quantum-safety ");
        }
    }

    @Test
    void aMissingConfigFileExitsTwoWithOneLineNamingTheFlagAndTheFix() {
        Run run = run("ops", "install", "--prometheus.config=" + tmp.resolve("nope.yml"),
                "--prometheus.rules-dir=" + tmp.resolve("rules"), "--yes");
        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--prometheus.config " + tmp.resolve("nope.yml") + ": no such file");
    }

    @Test
    void missingRequiredFlagsAndBadAddressesExitTwo() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        assertThat(run("ops", "install", "--prometheus.config=" + config).err())
                .contains("--prometheus.rules-dir is required");
        assertThat(run("ops", "rollback").err()).contains("--prometheus.config is required");
        Run badAddress = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp,
                "--exporter.address=9105", "--yes");
        assertThat(badAddress.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badAddress.err()).contains("--exporter.address '9105' is not HOST:PORT");
        Run badUrl = run("ops", "verify", "--prometheus.url=localhost:9090");
        assertThat(badUrl.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badUrl.err()).contains("--prometheus.url");
    }

    @Test
    void withoutATerminalAndWithoutYesNothingChanges() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path bundle = Fixtures.copyBundleTo(tmp.resolve("bundle"));

        Run run = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("rules"),
                "--bundle.dir=" + bundle);

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("no terminal to confirm", "--yes");
        assertThat(Files.readString(config)).isEqualTo("scrape_configs: []\n");
        assertThat(tmp.resolve("rules/quantum_safety_alerts.yml")).doesNotExist();
    }

    @Test
    void dryRunPrintsADiffAndChangesNothing() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "# mine\nscrape_configs: []\n");
        Path bundle = Fixtures.copyBundleTo(tmp.resolve("bundle"));

        Run run = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("rules"),
                "--bundle.dir=" + bundle, "--dry-run");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("+++ " + config.toAbsolutePath(), "+  - job_name: quantum_safety_telemetry",
                "dry run: 3 file(s) would change; nothing was changed");
        assertThat(Files.readString(config)).isEqualTo("# mine\nscrape_configs: []\n");
    }
}
