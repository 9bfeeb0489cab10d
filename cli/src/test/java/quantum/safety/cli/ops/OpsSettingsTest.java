package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import quantum.safety.cli.Main;

/** The ops flags take their env twins and defaults from {@link OpsSetting}, through the real command line. */
class OpsSettingsTest {

    /** The command object {@code args} reach, parsed (not run) in the given environment. */
    private static <T> T parse(Map<String, String> env, String... args) {
        ParseResult result = Main.newCommandLine(env).parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec().commandLine().getCommand();
    }

    private static String help(String... command) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.newCommandLine(Map.of());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(command)).isZero();
        return out.toString();
    }

    @Test
    void anEnvTwinSetsTheOptionAndTheFlagWinsOverIt() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_PROMETHEUS_URL", "http://10.0.0.7:9091");

        VerifyCommand fromEnv = parse(env, "ops", "verify");
        VerifyCommand fromFlag = parse(env, "ops", "verify", "--prometheus.url=http://127.0.0.1:9092");

        assertThat(fromEnv.setup.prometheus.url()).isEqualTo("http://10.0.0.7:9091");
        assertThat(fromFlag.setup.prometheus.url()).isEqualTo("http://127.0.0.1:9092");
    }

    @Test
    void withoutFlagOrEnvTheTablesDefaultApplyAndAnEmptyVariableCountsAsUnset() {
        VerifyCommand verify = parse(Map.of("QUANTUM_SAFETY_PROMETHEUS_URL", ""), "ops", "verify");
        InstallCommand install = parse(Map.of(), "ops", "install");

        assertThat(verify.setup.prometheus.url()).as("left for the manifest to fill in").isNull();
        assertThat(verify.setup.given().prometheusUrlOrDefault()).isEqualTo("http://127.0.0.1:9090");
        assertThat(verify.wait).isEqualTo(Duration.ZERO);
        assertThat(install.tag).isEqualTo("qs");
        assertThat(install.verifyTimeout).isEqualTo(Duration.ofSeconds(60));
        assertThat(install.setup.tools.promtool()).isEqualTo("promtool");
        assertThat(install.dryRun).isFalse();
        assertThat(install.yes).isFalse();
        assertThat(install.setup.prometheus.rulesDir).isNull();
    }

    /** --verify.timeout, --force, --yes and --no-reload are one row each, whichever command takes them. */
    @Test
    void aFlagSharedByInstallAndRollbackReadsOneEnvName() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_VERIFY_TIMEOUT", "2m", "QUANTUM_SAFETY_FORCE", "true",
                "QUANTUM_SAFETY_ASSUME_YES", "true", "QUANTUM_SAFETY_NO_RELOAD", "true");

        InstallCommand install = parse(env, "ops", "install");
        RollbackCommand rollback = parse(env, "ops", "rollback", "--verify.timeout=30s");

        assertThat(install.verifyTimeout).isEqualTo(Duration.ofMinutes(2));
        assertThat(rollback.verifyTimeout).isEqualTo(Duration.ofSeconds(30));
        assertThat(install.force && install.yes && install.noReload).isTrue();
        assertThat(rollback.force && rollback.yes && rollback.noReload).isTrue();
    }

    /** Unset (null) leaves the choice to the newest install's manifest; a bare flag turns the job on. */
    @Test
    void theDecisionServiceJobComesFromItsFlagElseItsEnvTwinElseIsLeftToTheManifest() {
        Map<String, String> off = Map.of("QUANTUM_SAFETY_JOB_DECISION_SERVICE", "false");

        assertThat(((InstallCommand) parse(Map.of(), "ops", "install")).decisionServiceJob).isNull();
        assertThat(((InstallCommand) parse(Map.of("QUANTUM_SAFETY_JOB_DECISION_SERVICE", ""), "ops", "install"))
                .decisionServiceJob).as("empty counts as unset").isNull();
        assertThat(((InstallCommand) parse(off, "ops", "install")).decisionServiceJob).isFalse();
        assertThat(((InstallCommand) parse(off, "ops", "install", "--job.decision-service")).decisionServiceJob).isTrue();
        assertThat(((InstallCommand) parse(Map.of(), "ops", "install", "--job.decision-service=false"))
                .decisionServiceJob).isFalse();
        assertThat(help("ops", "install", "--help").replaceAll("\\s+", " ")).contains(
                "Env: QUANTUM_SAFETY_JOB_DECISION_SERVICE. Default: the newest install's, else true.",
                "runs no decision service");
    }

    /** As the decision service's: unset leaves the choice to the manifest; a bare flag turns the job on. */
    @Test
    void theArchiveJobComesFromItsFlagElseItsEnvTwinElseIsLeftToTheManifest() {
        Map<String, String> off = Map.of("QUANTUM_SAFETY_JOB_ARCHIVE", "false");

        assertThat(((InstallCommand) parse(Map.of(), "ops", "install")).archiveJob).isNull();
        assertThat(((InstallCommand) parse(Map.of("QUANTUM_SAFETY_JOB_ARCHIVE", ""), "ops", "install"))
                .archiveJob).as("empty counts as unset").isNull();
        assertThat(((InstallCommand) parse(off, "ops", "install")).archiveJob).isFalse();
        assertThat(((InstallCommand) parse(off, "ops", "install")).decisionServiceJob).as("the other one").isNull();
        assertThat(((InstallCommand) parse(off, "ops", "install", "--job.archive")).archiveJob).isTrue();
        assertThat(((InstallCommand) parse(Map.of(), "ops", "install", "--job.archive=false")).archiveJob).isFalse();
        assertThat(help("ops", "install", "--help").replaceAll("\\s+", " ")).contains(
                "Env: QUANTUM_SAFETY_JOB_ARCHIVE. Default: the newest install's, else true.",
                "runs no archive", "--job.archive=false --yes");

        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(Map.of());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("ops", "install", "--job.archive=sometimes")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--job.archive", "sometimes");
    }

    @Test
    void aDecisionServiceJobValueThatIsNotTrueOrFalseExitsTwoNamingIt() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(Map.of());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("ops", "install", "--job.decision-service=maybe")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--job.decision-service", "maybe");
    }

    @Test
    void theMixinsOfEveryCommandReadTheirEnvTwins() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_PROMETHEUS_CONFIG", "/etc/p/prometheus.yml",
                "QUANTUM_SAFETY_BACKUP_DIR", "/var/backups/qs", "QUANTUM_SAFETY_OPS_JSON", "true",
                "QUANTUM_SAFETY_ROLLBACK_TO", "install_qs_20260119_034418", "QUANTUM_SAFETY_AMTOOL", "/opt/amtool");

        BackupsCommand backups = parse(env, "ops", "backups");
        RollbackCommand rollback = parse(env, "ops", "rollback");

        assertThat(backups.setup.prometheus.config()).isEqualTo(Path.of("/etc/p/prometheus.yml"));
        assertThat(backups.setup.backup.dir()).isEqualTo(Path.of("/var/backups/qs"));
        assertThat(backups.output.json).isTrue();
        assertThat(rollback.to).isEqualTo("install_qs_20260119_034418");
        assertThat(rollback.setup.tools.amtool()).isEqualTo("/opt/amtool");
    }

    /** One option set: a flag another of these commands needs is never an "Unknown option", and means the same. */
    @Test
    void installVerifyRollbackBackupsAndDoctorAllTakeEveryFlagOfTheSetup() {
        String[] setup = {"--prometheus.url=http://127.0.0.1:9091", "--prometheus.config=/etc/p/prometheus.yml",
                "--prometheus.rules-dir=/etc/p/rules", "--exporter.address=127.0.0.1:9205",
                "--alertmanager.url=http://127.0.0.1:9093", "--alertmanager.config=/etc/p/alertmanager.yml",
                "--grafana.provisioning-dir=/etc/g/prov", "--grafana.dashboards-dir=/var/lib/g/dash",
                "--bundle.dir=/opt/bundle", "--backup.dir=/var/backups/qs", "--promtool=/opt/promtool", "--amtool=/opt/amtool"};
        for (String[] command : List.of(new String[] {"ops", "install"}, new String[] {"ops", "verify"},
                new String[] {"ops", "rollback"}, new String[] {"ops", "backups"}, new String[] {"doctor"})) {
            String[] args = java.util.stream.Stream.concat(Arrays.stream(command), Arrays.stream(setup)).toArray(String[]::new);

            ParseResult result = Main.newCommandLine(Map.of()).parseArgs(args);
            while (result.hasSubcommand()) {
                result = result.subcommand();
            }

            SetupOptions options = (SetupOptions) result.commandSpec().mixins().get("setup").userObject();
            assertThat(options.given().exporterAddress()).as(String.join(" ", command)).isEqualTo("127.0.0.1:9205");
            assertThat(options.given().backupDir()).isEqualTo("/var/backups/qs");
            assertThat(options.given().grafanaDashboardsDir()).isEqualTo("/var/lib/g/dash");
            assertThat(options.tools().amtool()).isEqualTo("/opt/amtool");
        }
    }

    @Test
    void overwriteComesFromItsEnvTwinAndItsNegationStillTurnsItOff() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_GRAFANA_OVERWRITE", "true",
                "QUANTUM_SAFETY_GRAFANA_FOLDER_UID", "quantum-trader");

        GrafanaPayloadCommand fromEnv = parse(env, "ops", "grafana-payload");
        GrafanaPayloadCommand negated = parse(env, "ops", "grafana-payload", "--no-overwrite");

        assertThat(fromEnv.overwrite).isTrue();
        assertThat(fromEnv.folderUid).isEqualTo("quantum-trader");
        assertThat(negated.overwrite).isFalse();
    }

    @Test
    void theHelpOfInstallShowsEachFlagsEnvNameAndDefaultFromTheTable() {
        String help = help("ops", "install", "--help");

        // picocli wraps long words at punctuation too, so the URL is compared without the wrapping.
        assertThat(help.replaceAll("\\s+", "")).contains(
                "Env:QUANTUM_SAFETY_PROMETHEUS_URL.Default:thenewestinstall's,elsehttp://127.0.0.1:9090.");
        assertThat(help).contains("--prometheus.url", "Env: QUANTUM_SAFETY_VERIFY_TIMEOUT. Default: 60s.",
                "Env: QUANTUM_SAFETY_BACKUP_TAG. Default: qs.", "Env: QUANTUM_SAFETY_ASSUME_YES. Default: false.",
                "Env: QUANTUM_SAFETY_LOG_LEVEL.");
        assertThat(help).doesNotContain("${");
    }

    /** One row, one help: what --force does is told for both commands, wherever it is read. */
    @Test
    void aSharedFlagHasTheSameHelpInEveryCommand() {
        String install = help("ops", "install", "--help");
        String rollback = help("ops", "rollback", "--help");

        for (String help : new String[] {install, rollback}) {
            assertThat(help.replaceAll("\\s+", " ")).contains("rollback restores files edited since the install",
                    "Env: QUANTUM_SAFETY_FORCE. Default: false.", "Env: QUANTUM_SAFETY_VERIFY_TIMEOUT. Default: 60s.");
        }
    }
}
