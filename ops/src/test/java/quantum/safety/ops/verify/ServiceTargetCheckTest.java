package quantum.safety.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

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
    void verifyRunsItRightAfterTheExportersTargetCheck() {
        List<Check> checks = Verifier.verifyChecks();
        assertThat(checks.get(0)).isInstanceOf(TargetHealthCheck.class);
        assertThat(checks.get(1)).isInstanceOf(ServiceTargetCheck.class);
    }
}
