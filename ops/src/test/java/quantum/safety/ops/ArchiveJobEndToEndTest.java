package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.event.OpsEvent.CheckPassed;
import quantum.safety.ops.event.OpsEvent.CheckWarned;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.ServiceTargetCheck;
import quantum.safety.ops.verify.Status;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.testkit.RequiresTools;

/**
 * The audit archive's job on a real Prometheus, as the decision service's: install adds it next to the others; verify
 * passes it when the archive answers and only warns when nothing does (the install stays); rollback takes it out and
 * checks it is gone. The test bundle gets the job the packaged bundle has, pointed at the test's target.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class ArchiveJobEndToEndTest {

    private static final String ARCHIVE_JOB = "quantum_safety_archive";
    private static final String CHECK = "job " + ARCHIVE_JOB + " scraped and up";

    @AutoClose
    private OpsEnvironment env;

    /** Stands in for the archive's /metrics (the archive itself is another program). */
    @AutoClose
    private FakeExporter archive;

    @Test
    void anArchiveThatIsNotDeployedIsAWarningAndTheInstallStays() throws Exception {
        env = OpsEnvironment.start();
        env.addArchiveJobToTheBundle("127.0.0.1:" + OpsEnvironment.closedPort());

        OpsResult result = new Installer(env.install().build(), env.events()).install();

        assertThat(result.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.events().steps()).doesNotContain("AutomaticRollbackStarted", "CheckFailed");
        CheckWarned warned = env.events().all(CheckWarned.class).stream().filter(w -> w.name().equals(CHECK))
                .findFirst().orElseThrow(() -> new AssertionError("no warning '" + CHECK + "' in " + env.events()));
        assertThat(warned.evidence()).contains("the audit archive is not deployed there, down, or not scraped yet");
        assertThat(warned.fix()).contains("systemctl enable --now quantum-safety-archive",
                "QuantumSafetyArchiveDown raises a ticket", "--job.archive=false");
        assertThat(result.summary()).contains("and verified, with 1 warning [" + CHECK + "]");
        assertThat(Files.readString(env.config())).contains("job_name: " + ARCHIVE_JOB,
                "# Quantum Safety audit archive: added by 'quantum-safety ops install'.");
    }

    @Test
    void anArchiveThatAnswersPassesAndRollbackTakesItsJobOut() throws Exception {
        env = OpsEnvironment.start();
        archive = FakeExporter.startOnLoopbackV4().metrics(FakeExporter.ARCHIVE_EXPOSITION);
        env.addArchiveJobToTheBundle(archive.address().toString());
        Installer installer = new Installer(env.install().build(), env.events());

        OpsResult installed = installer.install();

        assertThat(installed.exitCode()).as(env.events().toString()).isZero();
        PrometheusApi prometheus = new PrometheusApi(env.prometheus().url(), Http.withDefaults());
        await("Prometheus scrapes the archive").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus.query("up{job=\"" + ARCHIVE_JOB + "\"} == 1").size() == 1);
        List<CheckResult> verified = new Verifier(installer.verifySettings(),
                List.of(new ServiceTargetCheck(ServiceJob.ARCHIVE))).run();
        assertThat(verified).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.PASSED);
            assertThat(r.name()).isEqualTo(CHECK);
            assertThat(r.evidence()).contains(archive.address() + "/metrics health=up");
        });
        env.events().clear();

        OpsResult rolledBack = new Rollback(env.rollback().build(), env.events()).run();

        assertThat(rolledBack.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name)
                .contains("job quantum_safety_telemetry gone", "job " + ARCHIVE_JOB + " gone");
        assertThat(prometheus.targets()).noneMatch(t -> t.job().equals(ARCHIVE_JOB));
    }
}
