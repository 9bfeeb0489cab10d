package quantum.safety.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.OpsResult;
import quantum.safety.ops.event.OpsEvent;
import quantum.safety.ops.verify.Section;

class HumanOutputTest {

    private final StringWriter text = new StringWriter();
    private final HumanOutput output = new HumanOutput(new PrintWriter(text, true));

    private List<String> render(List<OpsEvent> events) {
        events.forEach(output::on);
        return text.toString().lines().toList();
    }

    @Test
    void anInstallReadsStepByStepThenItsSummary() {
        SampleEvents.install().forEach(output::on);
        output.finished(OpsResult.ok("installed " + SampleEvents.ID + " and verified"));

        assertThat(text.toString().lines()).containsExactly(
                "bundle:  the bundle packaged in this jar",
                "plan:",
                "  create  /etc/prometheus/rules/quantum_safety_alerts.yml",
                "  modify  /etc/prometheus/prometheus.yml",
                "            add job quantum_safety_telemetry (targets [127.0.0.1:9105])",
                "validate:",
                "  ok      promtool check rules /tmp/quantum-safety-stage-1/quantum_safety_alerts.yml  "
                        + "(rule files [/etc/prometheus/rules/quantum_safety_alerts.yml])",
                "  ok      promtool check config /etc/prometheus/.prometheus.yml.qs-staged  (/etc/prometheus/prometheus.yml)",
                "backup:  /etc/prometheus/prometheus.yml.backup_qs_20260119_034418",
                "manifest: /etc/prometheus/quantum-safety-backups/install_qs_20260119_034418.json",
                "write:   /etc/prometheus/rules/quantum_safety_alerts.yml (2048 bytes, atomic rename)",
                "write:   /etc/prometheus/prometheus.yml (970 bytes, atomic rename)",
                "reload:  POST http://127.0.0.1:9091/-/reload -> 200",
                "verify:  Prometheus http://127.0.0.1:9091, exporter 127.0.0.1:9105 (waiting up to 60s for Prometheus to scrape)",
                "  PASSED  job quantum_safety_telemetry scraped and up",
                "            http://127.0.0.1:9105/metrics health=up",
                "  1 passed, 0 failed, 0 skipped",
                "installed install_qs_20260119_034418 and verified");
    }

    @Test
    void aFailedVerificationShowsTheFailureTheFixAndEveryStepOfTheRollback() {
        List<String> lines = render(SampleEvents.failedVerificationAndRollback());

        assertThat(lines).containsExactly(
                "  FAILED  job quantum_safety_telemetry scraped and up",
                "            http://[::1]:9105/metrics health=down",
                "            fix: start the exporter where the target points",
                "  0 passed, 1 failed, 0 skipped",
                "rollback: verification failed: [job quantum_safety_telemetry scraped and up]; undoing install_qs_20260119_034418",
                "plan:",
                "  restore /etc/prometheus/prometheus.yml",
                "  delete  /etc/prometheus/rules/quantum_safety_alerts.yml",
                "validate:",
                "  ok      promtool check config /etc/prometheus/.prometheus.yml.qs-staged  (/etc/prometheus/prometheus.yml)",
                "restore: /etc/prometheus/prometheus.yml from prometheus.yml.backup_qs_20260119_034418 (400 bytes, sha256 0e325b4f1273)",
                "delete:  /etc/prometheus/rules/quantum_safety_alerts.yml (created by the install)",
                "manifest: install_qs_20260119_034418 marked rolled back at 2026-01-19T03:44:30",
                "reload:  POST http://127.0.0.1:9091/-/reload -> 200",
                "verify:  Prometheus runs the restored files",
                "  PASSED  job quantum_safety_telemetry gone",
                "            restored prometheus.yml has no job quantum_safety_telemetry",
                "  1 passed, 0 failed, 0 skipped");
    }

    @Test
    void withTheLifecycleApiOffTheOperatorIsToldTheExactReloadCommandAndWhatThen() {
        String out = String.join("\n", render(SampleEvents.everyKind()));

        assertThat(out).contains(
                "reload:  the lifecycle API is off (POST http://127.0.0.1:9091/-/reload -> 403 Lifecycle API is not enabled.).\n"
                        + "         Reload Prometheus yourself:  kill -HUP $(pidof prometheus)   or   systemctl reload prometheus\n"
                        + "         then check with 'quantum-safety ops verify'; undo with 'quantum-safety ops rollback'",
                "reload:  Prometheus did not answer: http://127.0.0.1:9091/-/reload: connection refused",
                "  FAILED  promtool check rules /tmp/stage/quantum_safety_alerts.yml  (rule files [/etc/prometheus/rules/quantum_safety_alerts.yml])",
                "  skip    amtool not found: the restored /etc/prometheus/alertmanager.yml is not checked",
                "  SKIPPED Alertmanager configured in Prometheus",
                "mkdir:   /var/lib/grafana/dashboards/quantum",
                "delete:  /var/lib/grafana/dashboards/quantum/ (created by the install, now empty)",
                "rollback: [install_qs_20260119_034418] (newest first) from /etc/prometheus/quantum-safety-backups",
                "nothing to change: /etc/prometheus/prometheus.yml and the bundle files are already installed");
    }

    @Test
    void aWarningReadsAsSuchWithItsFixAndIsCountedApartFromFailures() {
        List<String> lines = render(List.of(
                new OpsEvent.CheckWarned(Section.EXPORTER_HYGIENE, "exporter build info",
                        "quantum_safety_exporter_build_info{deployment=} 1.0; empty labels [deployment]",
                        "start the exporter with --deployment=NAME"),
                new OpsEvent.VerificationFinished(8, 0, 0, 1)));

        assertThat(lines).containsExactly(
                "  WARNING exporter build info",
                "            quantum_safety_exporter_build_info{deployment=} 1.0; empty labels [deployment]",
                "            fix: start the exporter with --deployment=NAME",
                "  8 passed, 1 warning, 0 failed, 0 skipped");
    }

    @Test
    void aRollbackThatReloadsAlertmanagerSaysBothServicesAreChecked() {
        List<String> lines = render(List.of(new OpsEvent.VerificationStarted(
                OpsEvent.VerificationStarted.Subject.RESTORED_FILES, "http://127.0.0.1:9091", null,
                "http://127.0.0.1:9093", 60)));

        assertThat(lines).containsExactly("verify:  Prometheus and Alertmanager run the restored files");
    }

    @Test
    void aDryRunEndsWithTheUnifiedDiffOfThePlanItShowed() {
        String out = String.join("\n", render(List.of(new OpsEvent.InstallPlanned(SampleEvents.installPlan()),
                new OpsEvent.DryRunEnded(List.of(SampleEvents.RULES, SampleEvents.CONFIG)))));

        assertThat(out).endsWith(SampleEvents.installPlan().diff().stripTrailing())
                .contains("--- /dev/null", "+++ /etc/prometheus/rules/quantum_safety_alerts.yml",
                        "+  - job_name: quantum_safety_telemetry");
    }

    @Test
    void theBackupsListingNamesEachInstallItsFilesAndHowToRollBack() {
        List<OpsEvent> listed = SampleEvents.everyKind().stream().filter(e -> e instanceof OpsEvent.BackupsListed).toList();

        assertThat(render(listed)).containsExactly(
                "installs recorded in /etc/prometheus/quantum-safety-backups:",
                "  install_qs_20260119_034418  tag qs  2026-01-19T03:44:18  ACTIVE",
                "      created  /etc/prometheus/rules/quantum_safety_alerts.yml",
                "      modified /etc/prometheus/prometheus.yml  (backup prometheus.yml.backup_qs_20260119_034418)",
                "backup files next to prometheus.yml:",
                "  /etc/prometheus/prometheus.yml.backup_p12_20260119_034418  (400 bytes, 2026-01-19T03:44:18Z)",
                "to roll back, run one of (each undoes what it says):",
                "  # install_qs_20260119_034418, the newest install",
                "  " + SampleEvents.ROLLBACK,
                "  # prometheus.yml as in prometheus.yml.backup_p12_20260119_034418",
                "  " + SampleEvents.ROLLBACK + " --to=/etc/prometheus/prometheus.yml.backup_p12_20260119_034418");
    }

    @Test
    void pruningNamesEachInstallAndFileItRemovedAndWhetherItWasStillActive() {
        List<OpsEvent> pruned = SampleEvents.everyKind().stream().filter(e -> e instanceof OpsEvent.BackupsPruned).toList();
        OpsEvent.BackupsPruned active = new OpsEvent.BackupsPruned(2, List.of(new OpsEvent.BackupsPruned.Pruned(
                SampleEvents.ID, true, List.of(SampleEvents.BACKUP))), true);

        assertThat(render(List.of(pruned.get(0), active))).containsExactly(
                "prune:   keep the newest 1 install(s); removed 1",
                "  install_qs_20260118_120000 (rolled back)",
                "      removed /etc/prometheus/prometheus.yml.backup_qs_20260118_120000",
                "      removed /etc/prometheus/quantum-safety-backups/install_qs_20260118_120000.json",
                "prune:   keep the newest 2 install(s); would remove 1 (dry run: nothing removed)",
                "  install_qs_20260119_034418 (ACTIVE: it can no longer be rolled back)",
                "      would remove /etc/prometheus/prometheus.yml.backup_qs_20260119_034418");
    }

    @Test
    void theSamplesCoverEveryEventThereIs() {
        Set<Class<?>> sampled = SampleEvents.everyKind().stream().map(OpsEvent::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsAll(Arrays.asList(OpsEvent.class.getPermittedSubclasses()));
    }
}
