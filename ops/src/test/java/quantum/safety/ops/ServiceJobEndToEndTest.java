package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import quantum.safety.ops.event.OpsEvent.CheckPassed;
import quantum.safety.ops.event.OpsEvent.CheckWarned;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Status;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.testkit.RequiresTools;

/**
 * The decision service's job on a real Prometheus: install adds it next to the exporter's; verify passes it when the
 * service answers and only warns when nothing does (the install stays); rollback takes it out and checks it is gone.
 * The test bundle gets the job the packaged bundle has, pointed at the test's target.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class ServiceJobEndToEndTest {

    private static final String SERVICE_JOB = "quantum_safety_kernel";
    private static final String CHECK = "job " + SERVICE_JOB + " scraped and up";

    @AutoClose
    private OpsEnvironment env;

    /** Stands in for the decision service's /metrics (the service itself is another module's). */
    @AutoClose
    private FakeExporter service;

    @Test
    void aDecisionServiceThatIsNotDeployedIsAWarningAndTheInstallStays() throws Exception {
        env = OpsEnvironment.start();
        env.addServiceJobToTheBundle("127.0.0.1:" + OpsEnvironment.closedPort());

        OpsResult result = new Installer(env.install().build(), env.events()).install();

        assertThat(result.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.events().steps()).doesNotContain("AutomaticRollbackStarted", "CheckFailed");
        CheckWarned warned = env.events().all(CheckWarned.class).stream().filter(w -> w.name().equals(CHECK))
                .findFirst().orElseThrow(() -> new AssertionError("no warning '" + CHECK + "' in " + env.events()));
        assertThat(warned.evidence()).contains("not deployed there, down, or not scraped yet");
        assertThat(warned.fix()).contains("systemctl enable --now quantum-safety-kernel",
                "QuantumSafetyDecisionServiceDown pages");
        assertThat(result.summary()).contains("and verified, with 1 warning [" + CHECK + "]");
        assertThat(Files.readString(env.config())).contains("job_name: " + SERVICE_JOB,
                "job_name: quantum_safety_telemetry");
    }

    @Test
    void aDecisionServiceThatAnswersPassesAndRollbackTakesItsJobOut() throws Exception {
        env = OpsEnvironment.start();
        service = FakeExporter.startOnLoopbackV4().metrics(FakeExporter.SERVICE_EXPOSITION);
        env.addServiceJobToTheBundle(service.address().toString());
        Installer installer = new Installer(env.install().build(), env.events());

        OpsResult installed = installer.install();

        assertThat(installed.exitCode()).as(env.events().toString()).isZero();
        PrometheusApi prometheus = new PrometheusApi(env.prometheus().url(), Http.withDefaults());
        await("Prometheus scrapes the decision service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus.query("up{job=\"" + SERVICE_JOB + "\"} == 1").size() == 1);
        List<CheckResult> verified = new Verifier(installer.verifySettings(), Verifier.verifyChecks()).run();
        assertThat(verified).filteredOn(r -> r.name().equals(CHECK)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.PASSED);
            assertThat(r.evidence()).contains(service.address() + "/metrics health=up");
        });
        env.events().clear();

        OpsResult rolledBack = new Rollback(env.rollback().build(), env.events()).run();

        assertThat(rolledBack.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name)
                .contains("job quantum_safety_telemetry gone", "job " + SERVICE_JOB + " gone");
        assertThat(prometheus.targets()).noneMatch(t -> t.job().equals(SERVICE_JOB));
    }
}
