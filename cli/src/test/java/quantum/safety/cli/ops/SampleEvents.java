package quantum.safety.cli.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import quantum.safety.ops.backup.FileAction;
import quantum.safety.ops.backup.FileChange;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.event.OpsEvent;
import quantum.safety.ops.event.OpsEvent.AutomaticRollbackStarted;
import quantum.safety.ops.event.OpsEvent.BackupWritten;
import quantum.safety.ops.event.OpsEvent.BackupsListed;
import quantum.safety.ops.event.OpsEvent.BackupsPruned;
import quantum.safety.ops.event.OpsEvent.CheckFailed;
import quantum.safety.ops.event.OpsEvent.CheckPassed;
import quantum.safety.ops.event.OpsEvent.CheckSkipped;
import quantum.safety.ops.event.OpsEvent.CheckWarned;
import quantum.safety.ops.event.OpsEvent.DirectoryCreated;
import quantum.safety.ops.event.OpsEvent.DirectoryDeleted;
import quantum.safety.ops.event.OpsEvent.DryRunEnded;
import quantum.safety.ops.event.OpsEvent.FileDeleted;
import quantum.safety.ops.event.OpsEvent.FileRestored;
import quantum.safety.ops.event.OpsEvent.FileValidated;
import quantum.safety.ops.event.OpsEvent.FileWritten;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.event.OpsEvent.InstallStarted;
import quantum.safety.ops.event.OpsEvent.ManifestWritten;
import quantum.safety.ops.event.OpsEvent.NothingToChange;
import quantum.safety.ops.event.OpsEvent.ReloadFailed;
import quantum.safety.ops.event.OpsEvent.ReloadLeftToOperator;
import quantum.safety.ops.event.OpsEvent.ReloadRequested;
import quantum.safety.ops.event.OpsEvent.Reloaded;
import quantum.safety.ops.event.OpsEvent.RollbackChosen;
import quantum.safety.ops.event.OpsEvent.RollbackPlanned;
import quantum.safety.ops.event.OpsEvent.RolledBack;
import quantum.safety.ops.event.OpsEvent.SetupNotFound;
import quantum.safety.ops.event.OpsEvent.SetupRecalled;
import quantum.safety.ops.event.OpsEvent.ValidationFailed;
import quantum.safety.ops.event.OpsEvent.ValidationSkipped;
import quantum.safety.ops.event.OpsEvent.ValidationStarted;
import quantum.safety.ops.event.OpsEvent.VerificationFinished;
import quantum.safety.ops.event.OpsEvent.VerificationStarted;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.plan.FileStep;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.plan.PlannedReload;
import quantum.safety.ops.plan.PlannedVerification;
import quantum.safety.ops.plan.RollbackPlan;
import quantum.safety.ops.plan.Service;
import quantum.safety.ops.verify.Section;

/** Events as an install on a Debian host reports them, written out by hand so the renderers can be read against them. */
final class SampleEvents {

    static final Path CONFIG = Path.of("/etc/prometheus/prometheus.yml");
    static final Path RULES = Path.of("/etc/prometheus/rules/quantum_safety_alerts.yml");
    static final Path BACKUP = Path.of("/etc/prometheus/prometheus.yml.backup_qs_20260119_034418");
    static final Path MANIFEST_DIR = Path.of("/etc/prometheus/quantum-safety-backups");
    static final String ID = "install_qs_20260119_034418";
    static final String ROLLBACK = "quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml "
            + "--prometheus.url=http://127.0.0.1:9091 --backup.dir=/etc/prometheus/quantum-safety-backups --yes";
    static final String CONFIG_DIFF = """
            --- /etc/prometheus/prometheus.yml
            +++ /etc/prometheus/prometheus.yml
            @@ -1,2 +1,5 @@
             scrape_configs:
               - job_name: node
            +  - job_name: quantum_safety_telemetry
            +    static_configs:
            +      - targets: ['127.0.0.1:9105']
            """;

    private SampleEvents() {
    }

    static InstallPlan installPlan() {
        return new InstallPlan(CONFIG, List.of(
                new FileStep(FileKind.RULES, RULES, FileStep.Action.CREATE, null, List.of("rules from the bundle"),
                        "--- /dev/null\n+++ " + RULES + "\n@@ -0,0 +1 @@\n+groups: []\n"),
                new FileStep(FileKind.PROMETHEUS_CONFIG, CONFIG, FileStep.Action.MODIFY, null,
                        List.of("add job quantum_safety_telemetry (targets [127.0.0.1:9105])"), CONFIG_DIFF)),
                List.of(), List.of(CONFIG), MANIFEST_DIR,
                List.of(new PlannedReload(Service.PROMETHEUS, "POST http://127.0.0.1:9091/-/reload")),
                new PlannedVerification(List.of("job scraped and up"), 60, true));
    }

    /** A successful install, from the bundle to the last check. */
    static List<OpsEvent> install() {
        return List.of(
                new InstallStarted("the bundle packaged in this jar", CONFIG),
                new InstallPlanned(installPlan()),
                new ValidationStarted(),
                new FileValidated("/usr/bin/promtool check rules /tmp/quantum-safety-stage-1/quantum_safety_alerts.yml",
                        "rule files [" + RULES + "]"),
                new FileValidated("/usr/bin/promtool check config /etc/prometheus/.prometheus.yml.qs-staged", CONFIG.toString()),
                new BackupWritten(CONFIG, BACKUP, BackupWritten.Reason.BEFORE_INSTALL),
                new ManifestWritten(ID, MANIFEST_DIR.resolve(ID + ".json")),
                new FileWritten(RULES, 2048),
                new FileWritten(CONFIG, 970),
                new ReloadRequested(Service.PROMETHEUS, "http://127.0.0.1:9091/-/reload"),
                new Reloaded(Service.PROMETHEUS, "POST http://127.0.0.1:9091/-/reload -> 200"),
                new VerificationStarted(VerificationStarted.Subject.INTEGRATION, "http://127.0.0.1:9091", "127.0.0.1:9105",
                        null, 60),
                new CheckPassed(Section.PROMETHEUS_SCRAPING, "job quantum_safety_telemetry scraped and up",
                        "http://127.0.0.1:9105/metrics health=up"),
                new VerificationFinished(1, 0, 0, 0));
    }

    static RollbackPlan rollbackPlan() {
        return new RollbackPlan(List.of(ID), List.of(
                new FileStep(FileKind.PROMETHEUS_CONFIG, CONFIG, FileStep.Action.RESTORE, BACKUP, List.of(), "-x\n"),
                new FileStep(FileKind.RULES, RULES, FileStep.Action.DELETE, null, List.of(), "-groups: []\n")),
                List.of(), List.of(), List.of(new PlannedReload(Service.PROMETHEUS, "POST http://127.0.0.1:9091/-/reload")),
                null);
    }

    /** A failed verification and the rollback that follows it. */
    static List<OpsEvent> failedVerificationAndRollback() {
        return List.of(
                new CheckFailed(Section.PROMETHEUS_SCRAPING, "job quantum_safety_telemetry scraped and up",
                        "http://[::1]:9105/metrics health=down", "start the exporter where the target points"),
                new VerificationFinished(0, 1, 0, 0),
                new AutomaticRollbackStarted(ID, "verification failed: [job quantum_safety_telemetry scraped and up]"),
                new RollbackPlanned(rollbackPlan()),
                new ValidationStarted(),
                new FileValidated("/usr/bin/promtool check config /etc/prometheus/.prometheus.yml.qs-staged", CONFIG.toString()),
                new FileRestored(CONFIG, BACKUP, 400, "0e325b4f1273aa0e325b4f1273aa0e325b4f1273aa0e325b4f1273aa01234567"),
                new FileDeleted(RULES),
                new RolledBack(List.of(ID), "2026-01-19T03:44:30"),
                new ReloadRequested(Service.PROMETHEUS, "http://127.0.0.1:9091/-/reload"),
                new Reloaded(Service.PROMETHEUS, "POST http://127.0.0.1:9091/-/reload -> 200"),
                new VerificationStarted(VerificationStarted.Subject.RESTORED_FILES, "http://127.0.0.1:9091", null, null, 60),
                new CheckPassed(Section.ROLLBACK_READINESS, "job quantum_safety_telemetry gone",
                        "restored prometheus.yml has no job quantum_safety_telemetry"),
                new VerificationFinished(1, 0, 0, 0));
    }

    static Manifest manifest() {
        return new Manifest(ID, Manifest.KIND_INSTALL, "qs", "2026-01-19T03:44:18", CONFIG.toString(), List.of(
                new FileChange(RULES.toString(), "RULES", FileAction.CREATED, null, null, "aa"),
                new FileChange(CONFIG.toString(), "PROMETHEUS_CONFIG", FileAction.MODIFIED, BACKUP.toString(), "bb", "cc")),
                List.of(), null,
                quantum.safety.ops.backup.InstallSetup.builder().prometheusUrl("http://127.0.0.1:9091").prometheusConfig(CONFIG)
                        .build());
    }

    /** At least one event of every kind there is; {@code HumanOutputTest} checks none is missing. */
    static List<OpsEvent> everyKind() {
        List<OpsEvent> all = new ArrayList<>(install());
        all.addAll(failedVerificationAndRollback());
        all.addAll(List.of(
                new NothingToChange(CONFIG),
                new DryRunEnded(List.of(RULES, CONFIG)),
                new RollbackChosen(List.of(ID), MANIFEST_DIR),
                new ValidationSkipped(Path.of("/etc/prometheus/alertmanager.yml"), "amtool not found"),
                new ValidationFailed("/usr/bin/promtool check rules /tmp/stage/quantum_safety_alerts.yml",
                        "rule files [" + RULES + "]", "1:1: bad PromQL"),
                new DirectoryCreated(Path.of("/var/lib/grafana/dashboards/quantum")),
                new DirectoryDeleted(Path.of("/var/lib/grafana/dashboards/quantum")),
                new ReloadFailed(Service.PROMETHEUS, ReloadFailed.Failure.UNREACHABLE,
                        "http://127.0.0.1:9091/-/reload: connection refused"),
                new ReloadLeftToOperator(Service.PROMETHEUS, ReloadLeftToOperator.Reason.LIFECYCLE_API_OFF,
                        "POST http://127.0.0.1:9091/-/reload -> 403 Lifecycle API is not enabled.",
                        "kill -HUP $(pidof prometheus)   or   systemctl reload prometheus",
                        "check with 'quantum-safety ops verify'; undo with 'quantum-safety ops rollback'"),
                new CheckSkipped(Section.ALERTMANAGER, "Alertmanager configured in Prometheus", "none was asked for"),
                new CheckWarned(Section.EXPORTER_HYGIENE, "exporter build info",
                        "quantum_safety_exporter_build_info{version=0.1.0, git=abc1234, deployment=} 1.0; empty labels "
                                + "[deployment]", "start the exporter with --deployment=NAME"),
                new BackupsListed(MANIFEST_DIR, List.of(manifest()), CONFIG, List.of(new BackupsListed.BackupFile(
                        Path.of("/etc/prometheus/prometheus.yml.backup_p12_20260119_034418"), 400, "2026-01-19T03:44:18Z")),
                        List.of(new BackupsListed.RollbackCommand(ID + ", the newest install", ROLLBACK),
                                new BackupsListed.RollbackCommand("prometheus.yml as in prometheus.yml.backup_p12_20260119_034418",
                                        ROLLBACK + " --to=/etc/prometheus/prometheus.yml.backup_p12_20260119_034418"))),
                new BackupsPruned(1, List.of(new BackupsPruned.Pruned("install_qs_20260118_120000", false,
                        List.of(Path.of("/etc/prometheus/prometheus.yml.backup_qs_20260118_120000"),
                                MANIFEST_DIR.resolve("install_qs_20260118_120000.json")))), false),
                new SetupRecalled(ID, MANIFEST_DIR.resolve(ID + ".json")), new SetupNotFound(MANIFEST_DIR)));
        return all;
    }
}
