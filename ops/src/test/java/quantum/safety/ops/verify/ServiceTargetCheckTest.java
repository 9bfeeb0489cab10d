package quantum.safety.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.prometheus.PrometheusApi.Target;
import quantum.safety.ops.verify.Observations.Attempt;

/** The decision service's targets: passed when all are up, a warning otherwise, never a failure. */
class ServiceTargetCheckTest {

    private static final String NAME = "job quantum_safety_kernel scraped and up";

    private static VerifySettings settings(String serviceJob) {
        return VerifySettings.builder().prometheusUrl("http://127.0.0.1:9090").exporter(new HostPort("127.0.0.1", 9105))
                .expectedRules(quantum.safety.ops.prometheus.ExpectedRules.contract()).serviceJob(serviceJob).build();
    }

    private static Observations targets(Target... targets) {
        return new Observations(new Attempt<>(List.of(targets), null), new Attempt<>(List.of(), null),
                new Attempt<>(List.of(), null), null);
    }

    private static Target target(String job, String url, String health, String error) {
        return new Target(job, url, health, error, "2026-12-01T18:00:00Z", 0.002, "15s");
    }

    private static final Target EXPORTER = target("quantum_safety_telemetry", "http://127.0.0.1:9105/metrics", "up", "");

    @Test
    void withoutAServiceJobInTheBundleNothingIsReported() {
        assertThat(new ServiceTargetCheck().run(targets(EXPORTER), settings(null))).isEmpty();
    }

    @Test
    void everyTargetUpPasses() {
        List<CheckResult> results = new ServiceTargetCheck().run(targets(EXPORTER,
                target("quantum_safety_kernel", "http://127.0.0.1:9106/metrics", "up", "")), settings("quantum_safety_kernel"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.PASSED);
            assertThat(r.name()).isEqualTo(NAME);
            assertThat(r.evidence()).startsWith("http://127.0.0.1:9106/metrics health=up");
        });
    }

    @Test
    void aTargetDownIsAWarningWithPrometheusErrorAndHowToStartTheService() {
        List<CheckResult> results = new ServiceTargetCheck().run(targets(EXPORTER,
                target("quantum_safety_kernel", "http://127.0.0.1:9106/metrics", "up", ""),
                target("quantum_safety_kernel", "http://10.0.0.2:9106/metrics", "down", "connection refused")),
                settings("quantum_safety_kernel"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.WARNING);
            assertThat(r.section()).isEqualTo(Section.PROMETHEUS_SCRAPING);
            assertThat(r.evidence()).contains("http://10.0.0.2:9106/metrics health=down", "error=\"connection refused\"");
            assertThat(r.fix()).contains("systemctl enable --now quantum-safety-kernel",
                    "QuantumSafetyDecisionServiceDown pages", "install with the job left out",
                    "--job.decision-service=false --yes");
        });
    }

    /** After an install that left the job out, a job still there is the operator's: install would not take it out. */
    @Test
    void aJobTheOperatorKeptAfterLeavingItOutIsTheirsToDelete() {
        VerifySettings optedOut = VerifySettings.builder().prometheusUrl("http://127.0.0.1:9090")
                .exporter(new HostPort("127.0.0.1", 9105)).expectedRules(quantum.safety.ops.prometheus.ExpectedRules.contract())
                .setup(quantum.safety.ops.backup.InstallSetup.builder().decisionServiceJob(false).build())
                .serviceJob("quantum_safety_kernel").build();

        CheckResult down = new ServiceTargetCheck().run(targets(EXPORTER,
                target("quantum_safety_kernel", "http://127.0.0.1:9106/metrics", "down", "connection refused")), optedOut)
                .get(0);
        CheckResult none = new ServiceTargetCheck().run(targets(EXPORTER), optedOut).get(0);

        assertThat(down.fix()).contains("delete the job from prometheus.yml (install does not take out a job it did not add)")
                .doesNotContain("ops install");
        assertThat(none.fix()).contains("the job in prometheus.yml is yours").doesNotContain("ops install");
    }

    @Test
    void noTargetOfTheJobIsAWarningWithTheInstallCommand() {
        List<CheckResult> results = new ServiceTargetCheck().run(targets(EXPORTER), settings("quantum_safety_kernel"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.WARNING);
            assertThat(r.evidence()).contains("no active target of job quantum_safety_kernel");
            assertThat(r.fix()).contains("quantum-safety ops install ", "leave the job out instead: ",
                    "--job.decision-service=false --yes");
        });
    }

    @Test
    void prometheusUnreachableIsSkippedHereTheExportersCheckFailsForIt() {
        Observations unreachable = new Observations(new Attempt<>(null, "connection refused"),
                new Attempt<>(null, "connection refused"), new Attempt<>(null, "connection refused"), null);

        assertThat(new ServiceTargetCheck().run(unreachable, settings("quantum_safety_kernel"))).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Status.SKIPPED));
    }

    @Test
    void verifyRunsItRightAfterTheExportersTargetCheckThenTheArchives() {
        List<Check> checks = Verifier.verifyChecks();
        assertThat(checks.get(0)).isInstanceOf(TargetHealthCheck.class);
        assertThat(checks.get(1)).isInstanceOf(ServiceTargetCheck.class)
                .satisfies(c -> assertThat(((ServiceTargetCheck) c).service()).isEqualTo(ServiceJob.DECISION_SERVICE));
        assertThat(checks.get(2)).isInstanceOf(ServiceTargetCheck.class)
                .satisfies(c -> assertThat(((ServiceTargetCheck) c).service()).isEqualTo(ServiceJob.ARCHIVE));
    }

    private static VerifySettings archiveSettings(String archiveJob) {
        return VerifySettings.builder().prometheusUrl("http://127.0.0.1:9090").exporter(new HostPort("127.0.0.1", 9105))
                .expectedRules(quantum.safety.ops.prometheus.ExpectedRules.contract()).serviceJob("quantum_safety_kernel")
                .archiveJob(archiveJob).build();
    }

    /** The archive's job is looked at by its own check only: the decision service's check ignores it, and back. */
    @Test
    void theArchiveUpPassesAndEachCheckLooksAtItsOwnJobOnly() {
        Observations up = targets(EXPORTER, target("quantum_safety_archive", "http://127.0.0.1:9107/metrics", "up", ""),
                target("quantum_safety_kernel", "http://127.0.0.1:9106/metrics", "down", "connection refused"));

        assertThat(new ServiceTargetCheck(ServiceJob.ARCHIVE).run(up, archiveSettings("quantum_safety_archive")))
                .singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(Status.PASSED);
                    assertThat(r.name()).isEqualTo("job quantum_safety_archive scraped and up");
                    assertThat(r.evidence()).startsWith("http://127.0.0.1:9107/metrics health=up").doesNotContain("9106");
                });
        assertThat(new ServiceTargetCheck().run(up, archiveSettings("quantum_safety_archive"))).singleElement()
                .satisfies(r -> assertThat(r.evidence()).doesNotContain("9107"));
        assertThat(new ServiceTargetCheck(ServiceJob.ARCHIVE).run(up, archiveSettings(null))).isEmpty();
    }

    @Test
    void anArchiveDownIsAWarningThatSaysHowToStartItOrLeaveItsJobOut() {
        List<CheckResult> results = new ServiceTargetCheck(ServiceJob.ARCHIVE).run(targets(EXPORTER,
                target("quantum_safety_archive", "http://127.0.0.1:9107/metrics", "down", "connection refused")),
                archiveSettings("quantum_safety_archive"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.WARNING);
            assertThat(r.evidence()).contains("health=down", "the audit archive is not deployed there, down, or not "
                    + "scraped yet");
            assertThat(r.fix()).contains("systemctl enable --now quantum-safety-archive",
                    "it listens on 127.0.0.1:9107 unless QUANTUM_SAFETY_ARCHIVE_LISTEN_ADDRESS says otherwise", "QuantumSafetyArchiveDown raises a ticket",
                    "--job.archive=false --yes", "docs/runbooks.md#quantumsafetyarchivedown")
                    .doesNotContain("--job.decision-service=false");
        });
        CheckResult none = new ServiceTargetCheck(ServiceJob.ARCHIVE).run(targets(EXPORTER),
                archiveSettings("quantum_safety_archive")).get(0);
        assertThat(none.evidence()).contains("no active target of job quantum_safety_archive",
                "the audit archive is not monitored");
        assertThat(none.fix()).contains("on a host that runs no audit archive, leave the job out instead: ",
                "--job.archive=false --yes");
    }
}
