package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.ops.event.OpsEvent.CheckFailed;
import quantum.safety.ops.event.OpsEvent.CheckWarned;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.event.OpsEvent.VerificationFinished;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.ops.verify.HostResolver;
import quantum.safety.testkit.RequiresTools;

/**
 * Install rolls back only for what breaks monitoring; what is merely untidy is a warning with its fix, exit 0. And
 * the scrape job's environment label is the operator's to give.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class VerifyWarningsEndToEndTest {

    private static final String JOB = "quantum_safety_telemetry";

    @AutoClose
    private OpsEnvironment env;

    @Test
    void anEmptyDeploymentLabelIsAWarningWithItsFixAndTheInstallStays() throws Exception {
        env = OpsEnvironment.start(redis -> RealExporter.start(redis, "127.0.0.1:0",
                new BuildIdentity("0.1.0-SNAPSHOT", "abc1234", "")));

        OpsResult result = new Installer(env.install().build(), env.events()).install();

        assertThat(result.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.events().steps()).doesNotContain("AutomaticRollbackStarted", "CheckFailed")
                .endsWith("VerificationStarted", "CheckPassed", "CheckWarned", "CheckPassed", "VerificationFinished");
        CheckWarned warned = env.events().first(CheckWarned.class);
        assertThat(warned.name()).isEqualTo("exporter build info");
        assertThat(warned.evidence()).contains("empty labels [deployment]");
        assertThat(warned.fix()).contains("--deployment=NAME", "QUANTUM_SAFETY_DEPLOYMENT");
        assertThat(env.events().first(VerificationFinished.class).warnings()).isEqualTo(1);
        assertThat(result.summary()).contains("and verified, with 1 warning [exporter build info]");
        assertThat(Files.readString(env.config())).contains("job_name: " + JOB);
    }

    /** Prometheus dials 127.0.0.1 when ::1 refuses, so the scrape works: the finding is a warning naming both. */
    @Test
    void localhostResolvingToV6FirstWhileTheExporterListensOnV4IsAWarningNamingBothAddresses() throws Exception {
        env = OpsEnvironment.start();
        int port = env.exporterAddress().port();
        InetAddress v6 = InetAddress.getByName("::1");
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        HostResolver v6First = host -> host.equals("localhost") ? List.of(v6, v4) : HostResolver.SYSTEM.resolve(host);

        OpsResult result = new Installer(env.install().exporterAddress(new HostPort("localhost", port))
                .resolver(v6First).build(), env.events()).install();

        assertThat(result.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.events().steps()).doesNotContain("AutomaticRollbackStarted");
        CheckWarned listen = env.events().all(CheckWarned.class).stream()
                .filter(w -> w.name().startsWith("exporter listens where Prometheus scrapes")).findFirst().orElseThrow();
        assertThat(listen.fix()).startsWith("localhost resolves to ::1 first; [::1]:" + port + " refuses, 127.0.0.1:"
                + port + " answers — use --exporter.address=127.0.0.1:" + port);
    }

    /** Nothing Prometheus dials answers: the install is rolled back, and the finding names the address that does. */
    @Test
    void anExporterOnV6OnlyScrapedOnV4IsRolledBackNamingTheAddressThatAnswers() throws Exception {
        env = OpsEnvironment.start(redis -> RealExporter.start(redis, "[::1]:0"));
        int port = env.exporterAddress().port();

        OpsResult result = new Installer(env.install().exporterAddress(new HostPort("127.0.0.1", port))
                .verifyTimeout(Duration.ofSeconds(8)).build(), env.events()).install();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("install rolled back: verification failed",
                "job " + JOB + " scraped and up", "exporter listens where Prometheus scrapes (127.0.0.1:" + port + ")");
        CheckFailed listen = env.events().all(CheckFailed.class).stream()
                .filter(f -> f.name().startsWith("exporter listens where Prometheus scrapes")).findFirst().orElseThrow();
        assertThat(listen.fix()).startsWith("127.0.0.1:" + port + " refuses, [::1]:" + port + " answers — use "
                + "--exporter.address=[::1]:" + port + ". To set the target: quantum-safety ops install ")
                .contains("--exporter.address='[::1]:" + port + "'", "--prometheus.url=" + env.prometheus().url(), "--yes");
        assertThat(env.configBytes()).isEqualTo(env.original());
    }

    @Test
    void theEnvironmentLabelIsTheOperatorsFlagAndAbsentWithoutIt() throws Exception {
        env = OpsEnvironment.start();
        PrometheusApi prometheus = new PrometheusApi(env.prometheus().url(), Http.withDefaults());

        assertThat(new Installer(env.install().build(), env.events()).install().exitCode())
                .as(env.events().toString()).isZero();
        assertThat(Files.readString(env.config())).doesNotContain("environment");
        assertThat(prometheus.query("up{job=\"" + JOB + "\"}")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("environment")
                        .containsEntry("service", "safety-telemetry"));
        env.events().clear();

        OpsResult staging = new Installer(env.install().jobEnvironment("staging").build(), env.events()).install();

        assertThat(staging.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.events().first(InstallPlanned.class).plan().files()).filteredOn(f -> f.kind() == FileKind.PROMETHEUS_CONFIG)
                .singleElement().satisfies(f -> assertThat(f.changes()).singleElement().asString()
                        .startsWith("update scrape job " + JOB).endsWith("environment=staging})"));
        await("Prometheus scrapes the job with the new label").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus.query("up{job=\"" + JOB + "\", environment=\"staging\"}"), s -> !s.isEmpty());

        assertThatThrownBy(() -> new Installer(env.install().jobEnvironment(" ").build(), env.events()).install())
                .isInstanceOf(OpsInputException.class).hasMessageContaining("--job.environment ' ' is not a usable label");
    }
}
