package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.event.OpsEvent.AutomaticRollbackStarted;
import quantum.safety.ops.event.OpsEvent.CheckFailed;
import quantum.safety.ops.event.OpsEvent.CheckPassed;
import quantum.safety.ops.event.OpsEvent.DryRunEnded;
import quantum.safety.ops.event.OpsEvent.FileRestored;
import quantum.safety.ops.event.OpsEvent.FileValidated;
import quantum.safety.ops.event.OpsEvent.FileWritten;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.event.OpsEvent.ManifestWritten;
import quantum.safety.ops.event.OpsEvent.Reloaded;
import quantum.safety.ops.event.OpsEvent.ReloadFailed;
import quantum.safety.ops.event.OpsEvent.ReloadLeftToOperator;
import quantum.safety.ops.event.OpsEvent.ValidationFailed;
import quantum.safety.ops.plan.FileStep;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.plan.Service;
import quantum.safety.ops.prometheus.PrometheusConfigMerger;
import quantum.safety.ops.event.OpsListener;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Status;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.testkit.RequiresTools;

@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager", "amtool"})
class InstallEndToEndTest {

    @AutoClose
    private OpsEnvironment env;

    @Test
    void installVerifyRollbackGivesTheOriginalFileBackByteForByte() throws Exception {
        env = OpsEnvironment.start();
        EventLog events = env.events();
        Path grafanaProvisioning = env.grafanaProvisioning();
        Path grafanaDashboards = env.grafanaDashboards();
        Path amConfig = env.alertmanagerConfig();

        OpsResult installed = new Installer(env.install()
                .alertmanagerConfig(amConfig).alertmanagerUrl(env.alertmanager().url())
                .grafanaProvisioningDir(grafanaProvisioning).grafanaDashboardsDir(grafanaDashboards)
                .build(), events).install();

        assertThat(installed.exitCode()).as(events.toString()).isZero();
        assertThat(events.steps()).containsExactly("InstallStarted", "InstallPlanned", "ValidationStarted",
                "FileValidated", "DirectoryCreated", "BackupWritten", "ManifestWritten", "FileWritten",
                "ReloadRequested", "Reloaded", "ReloadRequested", "Reloaded",
                "VerificationStarted", "CheckPassed", "VerificationFinished");
        InstallPlan plan = events.first(InstallPlanned.class).plan();
        assertThat(plan.toChange()).extracting(FileStep::path).containsExactlyInAnyOrder(
                env.rulesDir().resolve("quantum_safety_alerts.yml"), env.rulesDir().resolve("quantum_safety_recording.yml"),
                env.rulesDir().resolve("quantum_safety_deployment.yml"), grafanaDashboards.resolve("quantum_safety_telemetry.json"), grafanaProvisioning.resolve("quantum_safety.yaml"),
                amConfig.resolveSibling("templates/quantum_safety.tmpl"), amConfig, env.config());
        assertThat(plan.backUp()).containsExactly(env.config());
        assertThat(plan.reloads()).extracting(r -> r.service()).containsExactly(Service.PROMETHEUS, Service.ALERTMANAGER);
        assertThat(plan.verification().rollBackOnFailure()).isTrue();
        assertThat(events.all(FileValidated.class)).extracting(FileValidated::command)
                .anyMatch(c -> c.contains("promtool check rules")).anyMatch(c -> c.contains("amtool check-config"))
                .anyMatch(c -> c.contains("promtool check config"));
        assertThat(events.all(FileWritten.class)).extracting(FileWritten::file).endsWith(env.config())
                .hasSameElementsAs(plan.toChange().stream().map(FileStep::path).toList());
        assertThat(events.first(Reloaded.class).detail()).isEqualTo("POST " + env.prometheus().url() + "/-/reload -> 200");
        ManifestWritten written = events.first(ManifestWritten.class);
        Manifest manifest = new ManifestStore(ManifestStore.defaultDirFor(env.config())).find(written.installId()).orElseThrow();
        assertThat(written.manifest()).exists();
        assertThat(manifest.files()).hasSize(plan.toChange().size());

        String merged = Files.readString(env.config());
        List<String> added = addedLines(new String(env.original()), merged);
        assertThat(added).as("only our lines were added; every operator line kept, in order")
                .allMatch(l -> l.contains("quantum_safety") || l.contains("Quantum Safety exporter") || l.startsWith("    "))
                .anyMatch(l -> l.contains("- job_name: quantum_safety_telemetry"))
                .anyMatch(l -> l.endsWith("rules/quantum_safety_alerts.yml"));
        assertThat(env.rulesDir().resolve("quantum_safety_alerts.yml")).exists();
        assertThat(grafanaDashboards.resolve("quantum_safety_telemetry.json")).exists();
        assertThat(Files.readString(grafanaProvisioning.resolve("quantum_safety.yaml"))).contains("path: " + grafanaDashboards);
        assertThat(amConfig).exists();

        List<CheckResult> verified = new Verifier(new Installer(env.install().alertmanagerUrl(env.alertmanager().url()).build(),
                OpsListener.ignoring()).verifySettings(), Verifier.verifyChecks()).run();
        assertThat(verified).as(verified.toString()).allMatch(r -> r.status() == Status.PASSED);
        assertThat(verified.stream().map(CheckResult::name).collect(Collectors.joining("\n")))
                .contains("job quantum_safety_telemetry scraped and up", "rule group quantum_safety loaded",
                        "rule group quantum_safety_recording loaded", "Alertmanager reachable", "exporter build info",
                        "Prometheus holds what the exporter serves", "exporter listens where Prometheus scrapes");

        events.clear();
        OpsResult rolledBack = new Rollback(env.rollback().build(), events).run();

        assertThat(rolledBack.exitCode()).as(events.toString()).isZero();
        assertThat(events.steps()).containsExactly("RollbackChosen", "RollbackPlanned", "ValidationStarted",
                "FileValidated", "FileRestored", "FileDeleted", "DirectoryDeleted", "RolledBack",
                "ReloadRequested", "Reloaded", "ReloadRequested", "Reloaded", "VerificationStarted", "CheckPassed",
                "VerificationFinished");
        assertThat(events.first(FileRestored.class).file()).isEqualTo(env.config());
        // The install created the Alertmanager config, which its Alertmanager never ran; it keeps its own receivers.
        assertThat(events.all(CheckPassed.class)).extracting(CheckPassed::name).containsExactly(
                "job quantum_safety_telemetry gone", "our rule groups gone", "Alertmanager runs the restored receivers");
        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.rulesDir().resolve("quantum_safety_alerts.yml")).doesNotExist();
        assertThat(env.rulesDir().resolve("operator_node.yml")).exists();
        assertThat(grafanaDashboards.resolve("quantum_safety_telemetry.json")).doesNotExist();
        assertThat(grafanaDashboards).doesNotExist();
        assertThat(amConfig).doesNotExist();
        assertThat(amConfig.resolveSibling("templates")).doesNotExist();
        assertThat(new ManifestStore(ManifestStore.defaultDirFor(env.config())).latestActive()).isEmpty();
    }

    @Test
    void installingTwiceChangesNothingTheSecondTime() throws Exception {
        env = OpsEnvironment.start();
        assertThat(new Installer(env.install().build(), env.events()).install().exitCode()).as(env.events().toString()).isZero();
        List<Path> filesAfterFirst = env.files();
        Map<Path, Long> mtimes = modificationTimes(filesAfterFirst);
        env.events().clear();

        OpsResult second = new Installer(env.install().build(), env.events()).install();

        assertThat(second.exitCode()).as(env.events().toString()).isZero();
        assertThat(second.summary()).contains("nothing changed");
        assertThat(env.events().steps()).containsExactly("InstallStarted", "InstallPlanned", "NothingToChange",
                "VerificationStarted", "CheckPassed", "VerificationFinished");
        assertThat(env.events().first(InstallPlanned.class).plan().files()).extracting(FileStep::action)
                .containsOnly(FileStep.Action.KEEP);
        assertThat(env.files()).isEqualTo(filesAfterFirst);
        assertThat(modificationTimes(filesAfterFirst)).isEqualTo(mtimes);
        assertThat(PrometheusConfigMergerTestAccess.jobNames(env.config())).containsOnlyOnce("quantum_safety_telemetry");
    }

    @Test
    void anInvalidRuleFileIsRefusedBeforeAnythingChanges() throws Exception {
        env = OpsEnvironment.start();
        Files.write(env.dir().resolve("bundle/prometheus/rules/quantum_safety_alerts.yml"), Fixtures.invalidAlertRules());
        List<Path> before = env.files();

        assertThatThrownBy(() -> new Installer(env.install().build(), env.events()).install())
                .isInstanceOf(OpsInputException.class)
                .hasMessageContaining("promtool refused the candidate rule files")
                .hasMessageContaining("nothing was changed");

        assertThat(env.events().steps()).containsExactly("InstallStarted", "InstallPlanned", "ValidationStarted",
                "ValidationFailed");
        ValidationFailed refused = env.events().first(ValidationFailed.class);
        assertThat(refused.command()).contains("promtool check rules");
        assertThat(refused.subject()).contains(env.rulesDir().resolve("quantum_safety_alerts.yml").toString());
        assertThat(refused.output()).isNotBlank();

        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.files()).isEqualTo(before);
    }

    /** Prometheus answered the preflight, then went away before the reload (the confirmation is the moment between). */
    @Test
    void prometheusDownDuringReloadRollsBackSaysSoAndLeavesNoBackupOrManifest() throws Exception {
        env = OpsEnvironment.start();
        List<Path> before = env.files();

        OpsResult result = new Installer(env.install().confirm(plan -> {
            env.prometheus().stop();
            return true;
        }).build(), env.events()).install();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("install rolled back", "could not be reloaded", "connection refused",
                "its backups and manifest removed");
        assertThat(env.events().steps()).containsExactly("InstallStarted", "InstallPlanned", "ValidationStarted",
                "FileValidated", "BackupWritten", "ManifestWritten", "FileWritten", "ReloadRequested", "ReloadFailed",
                "AutomaticRollbackStarted", "RollbackPlanned", "ValidationStarted", "FileValidated", "FileRestored",
                "FileDeleted", "RolledBack", "ReloadRequested", "ReloadFailed");
        assertThat(env.events().all(ReloadFailed.class)).extracting(ReloadFailed::failure)
                .containsOnly(ReloadFailed.Failure.UNREACHABLE);
        assertThat(env.events().first(AutomaticRollbackStarted.class).installId())
                .isEqualTo(env.events().first(ManifestWritten.class).installId());
        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.rulesDir().resolve("quantum_safety_alerts.yml")).doesNotExist();
        assertThat(env.files()).as("no backup, no manifest: a failed try leaves nothing").isEqualTo(before);
        assertThat(ManifestStore.defaultDirFor(env.config())).doesNotExist();
    }

    @Test
    void aFailingVerificationTriggersTheAutomaticRollbackAndLeavesNoBackupOrManifest() throws Exception {
        env = OpsEnvironment.start();
        env.stopExporter();
        List<Path> before = env.files();

        OpsResult result = new Installer(env.install().verifyTimeout(Duration.ofSeconds(8)).build(), env.events()).install();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("install rolled back: verification failed",
                "job quantum_safety_telemetry scraped and up");
        assertThat(env.events().steps()).containsSubsequence("FileWritten", "ReloadRequested", "Reloaded",
                "VerificationStarted", "VerificationFinished", "AutomaticRollbackStarted", "RollbackPlanned",
                "FileRestored", "RolledBack", "ReloadRequested", "Reloaded", "VerificationStarted", "VerificationFinished");
        assertThat(env.events().all(CheckFailed.class)).extracting(CheckFailed::name)
                .contains("job quantum_safety_telemetry scraped and up");
        assertThat(env.events().first(FileRestored.class).file()).isEqualTo(env.config());
        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.rulesDir().resolve("quantum_safety_alerts.yml")).doesNotExist();
        assertThat(env.files()).as("no backup, no manifest: a failed try leaves nothing").isEqualTo(before);
    }

    @Test
    void aJobWithOurNameButAnotherTargetIsRefusedThenReplacedWithForceNeverDuplicated() throws Exception {
        env = OpsEnvironment.start("""
                  - job_name: quantum_safety_telemetry
                    static_configs:
                      - targets: ['localhost:9105']
                """, true);

        assertThatThrownBy(() -> new Installer(env.install().build(), env.events()).install())
                .isInstanceOf(PrometheusConfigMerger.JobConflictException.class)
                .hasMessageContaining("[localhost:9105]").hasMessageContaining("--force");
        assertThat(env.configBytes()).isEqualTo(env.original());

        OpsResult forced = new Installer(env.install().force(true).build(), env.events()).install();

        assertThat(forced.exitCode()).as(env.events().toString()).isZero();
        assertThat(PrometheusConfigMergerTestAccess.jobNames(env.config()))
                .containsExactly("prometheus", "node", "quantum_safety_telemetry");
        assertThat(Files.readString(env.config())).doesNotContain("localhost:9105").contains(env.exporterAddress().toString());
    }

    /** Install could neither make the change live nor undo it by itself: refused up front, unless --no-reload. */
    @Test
    void withTheLifecycleApiOffInstallIsRefusedUnlessToldNotToReloadThenSaysWhatToRun() throws Exception {
        env = OpsEnvironment.start("", false);
        List<Path> before = env.files();

        assertThatThrownBy(() -> new Installer(env.install().build(), env.events()).install())
                .isInstanceOf(OpsInputException.class)
                .hasMessageContaining("web.enable-lifecycle=false").hasMessageContaining("--no-reload")
                .hasMessageContaining("systemctl reload prometheus").hasMessageEndingWith("nothing was changed");
        assertThat(env.files()).isEqualTo(before);
        assertThat(env.events().all()).isEmpty();

        OpsResult result = new Installer(env.install().reload(false).build(), env.events()).install();

        assertThat(result.exitCode()).isZero();
        assertThat(env.events().steps()).endsWith("FileWritten", "ReloadLeftToOperator");
        ReloadLeftToOperator left = env.events().first(ReloadLeftToOperator.class);
        assertThat(left.reason()).isEqualTo(ReloadLeftToOperator.Reason.NOT_ASKED);
        assertThat(left.command()).contains("kill -HUP $(pidof prometheus)", "systemctl reload prometheus");
        assertThat(left.then()).contains("check: quantum-safety ops verify --prometheus.url=" + env.prometheus().url(),
                "undo:  quantum-safety ops rollback --prometheus.config=" + env.config(), " --yes");
    }

    @Test
    void dryRunPrintsTheDiffAndChangesNothing() throws Exception {
        env = OpsEnvironment.start();
        List<Path> before = env.files();

        OpsResult result = new Installer(env.install().dryRun(true).build(), env.events()).install();

        assertThat(result.exitCode()).isZero();
        assertThat(env.events().steps()).containsExactly("InstallStarted", "InstallPlanned", "ValidationStarted",
                "FileValidated", "DryRunEnded");
        InstallPlan plan = env.events().first(InstallPlanned.class).plan();
        assertThat(plan.diff()).contains("--- " + env.config(), "+++ " + env.config(), "+  - job_name: quantum_safety_telemetry",
                "--- /dev/null", "+++ " + env.rulesDir().resolve("quantum_safety_alerts.yml"));
        assertThat(plan.backUp()).as("what the real run would do").containsExactly(env.config());
        assertThat(plan.reloads()).extracting(r -> r.how()).containsExactly("POST " + env.prometheus().url() + "/-/reload");
        assertThat(plan.verification().rollBackOnFailure()).isTrue();
        assertThat(env.events().first(DryRunEnded.class).wouldChange())
                .containsExactlyElementsOf(plan.toChange().stream().map(FileStep::path).toList());
        assertThat(env.files()).isEqualTo(before);
        assertThat(env.configBytes()).isEqualTo(env.original());
    }

    /** The lines of {@code merged} that are not the lines of {@code original} in order; fails if one is missing. */
    static List<String> addedLines(String original, String merged) {
        List<String> want = original.lines().toList();
        List<String> added = new java.util.ArrayList<>();
        int i = 0;
        for (String line : merged.lines().toList()) {
            if (i < want.size() && want.get(i).equals(line)) {
                i++;
            } else {
                added.add(line);
            }
        }
        assertThat(i).as("operator lines kept in order").isEqualTo(want.size());
        return added;
    }

    private static Map<Path, Long> modificationTimes(List<Path> files) {
        return files.stream().collect(Collectors.toMap(p -> p, p -> p.toFile().lastModified()));
    }

    /** Reads the job names of a config file. */
    static final class PrometheusConfigMergerTestAccess {
        @SuppressWarnings("unchecked")
        static List<String> jobNames(Path config) throws java.io.IOException {
            Map<String, Object> loaded = new Yaml().load(Files.readString(config));
            return ((List<Map<String, Object>>) loaded.get("scrape_configs")).stream()
                    .map(j -> String.valueOf(j.get("job_name"))).toList();
        }
    }
}
