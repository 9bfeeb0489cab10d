package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import quantum.safety.ops.event.OpsEvent.CheckPassed;
import quantum.safety.ops.event.OpsEvent.CheckSkipped;
import quantum.safety.ops.event.OpsEvent.CheckWarned;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.verify.ServiceTargetCheck;
import quantum.safety.testkit.RequiresTools;

/**
 * {@code --job.decision-service=false} on a real Prometheus: left out, the service is neither scraped nor verified
 * (no check, so no warning about it); turned off after an install that added it, its target goes from Prometheus; rolling that
 * back brings the job back, byte for byte and in Prometheus, and rolling back the first install takes both out.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class ServiceJobOptOutEndToEndTest {

    private static final String SERVICE_JOB = "quantum_safety_kernel";
    private static final String CHECK = "job " + SERVICE_JOB + " scraped and up";

    @AutoClose
    private OpsEnvironment env;

    /** Stands in for the decision service's /metrics (the service itself is another module's). */
    @AutoClose
    private FakeExporter service;

    @Test
    void leftOutTheServiceIsNeitherScrapedNorChecked() throws Exception {
        env = OpsEnvironment.start();
        env.addServiceJobToTheBundle("127.0.0.1:" + OpsEnvironment.closedPort());

        OpsResult result = new Installer(env.install().decisionServiceJob(false).build(), env.events()).install();

        assertThat(result.exitCode()).as(env.events().toString()).isZero();
        assertThat(result.summary()).contains("and verified").doesNotContain(CHECK);
        assertThat(checked()).as("verification ran, without the service's check").isNotEmpty().doesNotContain(CHECK);
        assertThat(env.events().first(InstallPlanned.class).plan().verification().checks())
                .doesNotContain(new ServiceTargetCheck().title());
        assertThat(Files.readString(env.config())).doesNotContain(SERVICE_JOB);
        assertThat(prometheus().targets()).noneMatch(t -> t.job().equals(SERVICE_JOB));
    }

    @Test
    void turnedOffLaterItsTargetLeavesPrometheusAndRollbackBringsItBack() throws Exception {
        env = OpsEnvironment.start();
        service = FakeExporter.startOnLoopbackV4().metrics(FakeExporter.SERVICE_EXPOSITION);
        env.addServiceJobToTheBundle(service.address().toString());
        assertThat(new Installer(env.install().build(), env.events()).install().exitCode())
                .as(env.events().toString()).isZero();
        byte[] withService = env.configBytes();
        await("Prometheus scrapes the decision service").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus().query("up{job=\"" + SERVICE_JOB + "\"} == 1").size() == 1);
        env.events().clear();

        OpsResult optedOut = new Installer(env.install().decisionServiceJob(false).build(), env.events()).install();

        assertThat(optedOut.exitCode()).as(env.events().toString()).isZero();
        assertThat(optedOut.summary()).contains("and verified").doesNotContain(CHECK);
        assertThat(Files.readString(env.config())).doesNotContain(SERVICE_JOB);
        assertThat(checked()).isNotEmpty().doesNotContain(CHECK);
        await("Prometheus drops the decision service's target").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus().targets().stream().noneMatch(t -> t.job().equals(SERVICE_JOB)));
        env.events().clear();

        assertThat(new Rollback(env.rollback().build(), env.events()).run().exitCode())
                .as(env.events().toString()).isZero();
        assertThat(env.configBytes()).as("the opt-out undone").isEqualTo(withService);
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name)
                .contains("job " + SERVICE_JOB + " present");
        env.events().clear();

        assertThat(new Rollback(env.rollback().build(), env.events()).run().exitCode())
                .as(env.events().toString()).isZero();
        assertThat(env.configBytes()).as("the first install undone").isEqualTo(env.original());
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name)
                .contains("job quantum_safety_telemetry gone", "job " + SERVICE_JOB + " gone");
    }

    /** The names of the checks verification reported, whatever their outcome. */
    private List<String> checked() {
        List<String> names = new ArrayList<>();
        env.events().all(CheckPassed.class).forEach(c -> names.add(c.name()));
        env.events().all(CheckWarned.class).forEach(c -> names.add(c.name()));
        env.events().all(CheckSkipped.class).forEach(c -> names.add(c.name()));
        return names;
    }

    private PrometheusApi prometheus() {
        return new PrometheusApi(env.prometheus().url(), Http.withDefaults());
    }
}
