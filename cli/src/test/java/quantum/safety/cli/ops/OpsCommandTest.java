package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.cli.Main;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.FileAction;
import quantum.safety.ops.backup.FileChange;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.testkit.ops.BundleFixture;

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

    /** Every line of {@code out} parsed as JSON: a line that is not JSON fails the test. */
    static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    static List<String> eventNames(List<JsonNode> lines) {
        return lines.stream().map(l -> l.path("event").asText()).toList();
    }

    static JsonNode first(List<JsonNode> lines, String event) {
        return lines.stream().filter(l -> l.path("event").asText().equals(event)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " in " + lines));
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
        Run blankEnvironment = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp,
                "--job.environment= ", "--yes");
        assertThat(blankEnvironment.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(blankEnvironment.err().strip().lines()).singleElement().asString()
                .contains("--job.environment ' ' is not a usable label value", "--job.environment=production");
        Run badAlertmanager = run("ops", "rollback", "--prometheus.config=" + config, "--alertmanager.url=am:9093");
        assertThat(badAlertmanager.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badAlertmanager.err()).contains("--alertmanager.url");
    }

    @Test
    void withoutATerminalAndWithoutYesNothingChanges() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path bundle = BundleFixture.copyTo(tmp.resolve("bundle"));

        Run run = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("rules"),
                "--bundle.dir=" + bundle, "--no-reload");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("no terminal to confirm", "--yes");
        assertThat(Files.readString(config)).isEqualTo("scrape_configs: []\n");
        assertThat(tmp.resolve("rules/quantum_safety_alerts.yml")).doesNotExist();
    }

    @Test
    void dryRunPrintsADiffAndChangesNothing() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "# mine\nscrape_configs: []\n");
        Path bundle = BundleFixture.copyTo(tmp.resolve("bundle"));

        Run run = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("rules"),
                "--bundle.dir=" + bundle, "--dry-run");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("+++ " + config.toAbsolutePath(), "+  - job_name: quantum_safety_telemetry",
                "dry run: 4 file(s) would change; nothing was changed");
        assertThat(Files.readString(config)).isEqualTo("# mine\nscrape_configs: []\n");
    }

    @Test
    void dryRunWithJsonPrintsThePlanAndEachStepAsOneJsonObjectPerLine() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "# mine\nscrape_configs: []\n");
        Path bundle = BundleFixture.copyTo(tmp.resolve("bundle"));

        Run run = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("rules"),
                "--bundle.dir=" + bundle, "--dry-run", "--json");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        List<JsonNode> lines = jsonLines(run.out());
        assertThat(eventNames(lines)).startsWith("InstallStarted", "InstallPlanned", "ValidationStarted", "FileValidated")
                .endsWith("FileValidated", "DryRunEnded", "Finished");
        JsonNode plan = first(lines, "InstallPlanned").path("plan");
        assertThat(plan.path("prometheusConfig").asText()).isEqualTo(config.toAbsolutePath().toString());
        // the bundle's two rule files, the deployment record naming this install, prometheus.yml
        assertThat(plan.path("files")).hasSize(4).allSatisfy(f -> assertThat(f.path("action").asText()).isIn("CREATE", "MODIFY"));
        assertThat(plan.path("files").get(2).path("path").asText()).endsWith("/rules/quantum_safety_deployment.yml");
        JsonNode configStep = plan.path("files").get(3);
        assertThat(configStep.path("kind").asText()).isEqualTo("PROMETHEUS_CONFIG");
        assertThat(configStep.path("diff").asText()).contains("+++ " + config.toAbsolutePath(),
                "+  - job_name: quantum_safety_telemetry");
        assertThat(plan.path("createDirectories").get(0).asText()).as("what the real run would do")
                .isEqualTo(tmp.resolve("rules").toString());
        assertThat(plan.path("verification").path("rollBackOnFailure").asBoolean()).isTrue();
        assertThat(first(lines, "FileValidated").path("command").asText()).contains("promtool check rules");
        assertThat(first(lines, "DryRunEnded").path("wouldChange")).hasSize(4);
        JsonNode finished = lines.get(lines.size() - 1);
        assertThat(finished.path("exitCode").asInt()).isZero();
        assertThat(finished.path("summary").asText()).isEqualTo("dry run: 4 file(s) would change; nothing was changed");
        assertThat(Files.readString(config)).isEqualTo("# mine\nscrape_configs: []\n");
    }

    @Test
    void verifyWithNoRecordedInstallSaysSoBeforeCheckingTheDefaults() {
        Path none = tmp.resolve("no-installs");

        Run verify = run("ops", "verify", "--backup.dir=" + none, "--prometheus.url=http://127.0.0.1:1");

        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out().lines().findFirst().orElseThrow()).isEqualTo("setup:   no install recorded in " + none
                + "; using the flags, env and defaults only (--backup.dir or --prometheus.config finds an install's "
                + "manifests elsewhere)");
    }

    @Test
    void withJsonABadInputEndsTheLinesWithStoppedAndTheOneErrorLineStaysOnStderr() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path bundle = BundleFixture.copyTo(tmp.resolve("bundle"));

        Run missing = run("ops", "rollback", "--prometheus.config=" + tmp.resolve("nope.yml"), "--json");
        Run unconfirmed = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("rules"),
                "--bundle.dir=" + bundle, "--no-reload", "--json");

        assertThat(missing.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(eventNames(jsonLines(missing.out()))).containsExactly("SetupNotFound", "Stopped");
        assertThat(jsonLines(missing.out()).get(1).path("error").asText())
                .contains("--prometheus.config " + tmp.resolve("nope.yml") + ": no such file");
        assertThat(missing.err().strip().lines()).hasSize(1);
        assertThat(unconfirmed.code()).isEqualTo(Main.EXIT_USAGE);
        List<JsonNode> lines = jsonLines(unconfirmed.out());
        assertThat(eventNames(lines)).startsWith("InstallStarted", "InstallPlanned").endsWith("Stopped");
        assertThat(lines.get(lines.size() - 1).path("error").asText()).contains("no terminal to confirm", "--yes");
        assertThat(Files.readString(config)).isEqualTo("scrape_configs: []\n");
    }

    @Test
    void backupsListsTheRecordedInstallsAndTheLooseBackupsAsTextOrJson() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path legacy = Files.writeString(tmp.resolve("prometheus.yml.backup_p12_20260119_034418"), "scrape_configs: []\n");
        ManifestStore store = new ManifestStore(ManifestStore.defaultDirFor(config));
        String id = recordInstall(store, config, new FileChange(tmp.resolve("rules/quantum_safety_alerts.yml").toString(),
                "RULES", FileAction.CREATED, null, null, "aa"), null);

        Run text = run("ops", "backups", "--prometheus.config=" + config);
        Run json = run("ops", "backups", "--prometheus.config=" + config, "--json");

        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("installs recorded in " + store.dir() + ":",
                "  " + id + "  tag qs  2026-01-19T03:44:18  ACTIVE",
                "      created  " + tmp.resolve("rules/quantum_safety_alerts.yml"),
                "backup files next to prometheus.yml:", "  " + legacy + "  (19 bytes, ",
                "  # " + id + ", the newest install\n  quantum-safety ops rollback --prometheus.config=" + config
                        + " --prometheus.url=http://127.0.0.1:9090 --backup.dir=" + store.dir() + " --yes\n",
                " --to=" + legacy + " --yes\n");
        assertThat(json.code()).as(json.err()).isZero();
        List<JsonNode> lines = jsonLines(json.out());
        assertThat(eventNames(lines)).containsExactly("SetupRecalled", "BackupsListed", "Finished");
        JsonNode listed = lines.get(1);
        assertThat(listed.path("manifestDir").asText()).isEqualTo(store.dir().toString());
        assertThat(listed.path("installs").get(0).path("id").asText()).isEqualTo(id);
        assertThat(listed.path("installs").get(0).path("files").get(0).path("action").asText()).isEqualTo("CREATED");
        assertThat(listed.path("backupFiles").get(0).path("path").asText()).isEqualTo(legacy.toString());
        assertThat(listed.path("backupFiles").get(0).path("bytes").asLong()).isEqualTo(19);
        assertThat(listed.path("rollbackCommands").get(0).path("command").asText()).startsWith("quantum-safety ops rollback ");
        assertThat(lines.get(2).path("summary").asText()).isEqualTo("2 install(s) and backup file(s) to roll back to");
    }

    /** After a rollback the install is still listed, but the summary counts only what the printed commands undo. */
    @Test
    void backupsCountsOnlyWhatCanBeRolledBackTo() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path backup = Files.writeString(tmp.resolve("prometheus.yml.backup_qs_20260119_034418"), "scrape_configs: []\n");
        ManifestStore store = new ManifestStore(ManifestStore.defaultDirFor(config));
        String id = recordInstall(store, config, new FileChange(config.toString(), "PROMETHEUS_CONFIG", FileAction.MODIFIED,
                backup.toString(), "aa", "bb"), "2026-01-19T03:50:02");

        Run text = run("ops", "backups", "--prometheus.config=" + config);
        Run json = run("ops", "backups", "--prometheus.config=" + config, "--json");

        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("  " + id + "  tag qs  2026-01-19T03:44:18  rolled back 2026-01-19T03:50:02",
                "  # prometheus.yml as in " + backup.getFileName() + "\n")
                .doesNotContain(id + ", the newest install")
                .endsWith("\n1 install(s) and backup file(s) to roll back to\n");
        List<JsonNode> lines = jsonLines(json.out());
        assertThat(first(lines, "BackupsListed").path("rollbackCommands")).hasSize(1);
        assertThat(first(lines, "Finished").path("summary").asText())
                .isEqualTo("1 install(s) and backup file(s) to roll back to");
    }

    @Test
    void backupsOnAMissingConfigOrWithNothingToFindItByIsBadInput() {
        Run missing = run("ops", "backups", "--prometheus.config=" + tmp.resolve("nope.yml"));
        Run nothing = run("ops", "backups", "--backup.dir=" + tmp.resolve("empty"));

        assertThat(missing.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err().strip()).isEqualTo("error: --prometheus.config " + tmp.resolve("nope.yml")
                + ": no such file; point it at the prometheus.yml Prometheus runs with, e.g. "
                + "--prometheus.config=/etc/prometheus/prometheus.yml");
        assertThat(nothing.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(nothing.err().strip()).startsWith("error: --prometheus.config is required: no install is recorded in "
                + tmp.resolve("empty"));
    }

    @Test
    void pruneKeepsTheNewestInstallsAndADryRunOnlySaysWhatWouldGo() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        ManifestStore store = new ManifestStore(ManifestStore.defaultDirFor(config));
        for (String stamp : List.of("20260119_034418", "20260120_034418")) {
            Path backup = Files.writeString(tmp.resolve("prometheus.yml.backup_qs_" + stamp), "scrape_configs: []\n");
            store.save(new Manifest("install_qs_" + stamp, Manifest.KIND_INSTALL, "qs", stamp, config.toString(),
                    List.of(new FileChange(config.toString(), "PROMETHEUS_CONFIG", FileAction.MODIFIED, backup.toString(),
                            "aa", "bb")), List.of(), null));
        }

        Run dryRun = run("ops", "backups", "--prometheus.config=" + config, "--prune=1", "--dry-run");
        assertThat(dryRun.code()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("prune:   keep the newest 1 install(s); would remove 1 (dry run: nothing removed)",
                "  install_qs_20260119_034418 (ACTIVE: it can no longer be rolled back)",
                "      would remove " + tmp.resolve("prometheus.yml.backup_qs_20260119_034418"));
        assertThat(store.list()).hasSize(2);

        Run pruned = run("ops", "backups", "--prometheus.config=" + config, "--prune=1");
        assertThat(pruned.code()).as(pruned.err()).isZero();
        assertThat(pruned.out()).contains("      removed " + store.pathOf("install_qs_20260119_034418"),
                "1 install(s) pruned; ");
        assertThat(store.list()).extracting(Manifest::id).containsExactly("install_qs_20260120_034418");
        assertThat(tmp.resolve("prometheus.yml.backup_qs_20260119_034418")).doesNotExist();
    }

    /** The tag becomes part of file names: refused before the config is even looked at, let alone a backup made. */
    @Test
    void aBackupTagThatLeavesItsFolderIsRefusedFirst() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");

        Run run = run("ops", "install", "--prometheus.config=" + config, "--prometheus.rules-dir=" + tmp.resolve("rules"),
                "--backup.tag=../evil", "--promtool=/nonexistent/promtool", "--yes");

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().strip()).isEqualTo("error: --backup.tag '../evil': use letters, digits and '-' only, "
                + "e.g. --backup.tag=p13; nothing was changed");
        assertThat(run.out()).isEmpty();
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(config);
        }
    }

    /** Records an install of 2026-01-19 03:44:18 that made {@code change}, rolled back at {@code rolledBackAt} or not. */
    private static String recordInstall(ManifestStore store, Path config, FileChange change, String rolledBackAt) {
        String id = store.newId(new BackupStamp("qs", java.time.LocalDateTime.parse("2026-01-19T03:44:18")));
        store.save(new Manifest(id, Manifest.KIND_INSTALL, "qs", "2026-01-19T03:44:18", config.toString(), List.of(change),
                List.of(), rolledBackAt, quantum.safety.ops.backup.InstallSetup.builder()
                .prometheusUrl("http://127.0.0.1:9090").prometheusConfig(config).build()));
        return id;
    }
}
