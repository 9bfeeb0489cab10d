package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.ops.event.OpsEvent.CheckPassed;
import quantum.safety.ops.event.OpsEvent.CheckWarned;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.plan.FileStep;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.prometheus.PrometheusProcessUser;
import quantum.safety.ops.prometheus.RemoteWrite;
import quantum.safety.ops.prometheus.RemoteWriteChoice;
import quantum.safety.ops.prometheus.RemoteWriteInput;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.RemoteWriteCheck;
import quantum.safety.ops.verify.Status;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.testkit.RemoteWriteReceiver;
import quantum.safety.testkit.RequiresTools;

/**
 * {@code --remote-write.url} against a second real Prometheus receiving remote write behind basic auth: the operator's
 * Prometheus, scraping the real exporter (and a stand-in audit archive), delivers our series — and only ours — with the
 * password from a file; verify says so from Prometheus' own metrics; wrong credentials are refused by the receiver and
 * reported as a warning (the install stays), and fixing the file is enough; an install without the flags keeps the
 * entry, the plan naming the install that recorded it; {@code --remote-write.url=none} and the rollbacks take it out.
 */
@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class RemoteWriteEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DELIVERS = "remote write quantum_safety delivers samples";

    @AutoClose
    private OpsEnvironment env;

    @AutoClose
    private RemoteWriteReceiver receiver;

    @AutoClose
    private FakeExporter archive;

    @Test
    void ourSeriesReachTheLongTermStoreAnInstallWithoutTheFlagsKeepsItAndNoneAndRollbackTakeTheEntryOut()
            throws Exception {
        start();
        archive = FakeExporter.startOnLoopbackV4().metrics(FakeExporter.ARCHIVE_EXPOSITION);
        env.addArchiveJobToTheBundle(archive.address().toString());
        RemoteWrite remoteWrite = remoteWrite(passwordFile(RemoteWriteReceiver.PASSWORD));

        OpsResult installed = new Installer(env.install().remoteWrite(remoteWrite).build(), env.events()).install();

        assertThat(installed.exitCode()).as(env.events().toString()).isZero();
        assertThat(installed.summary()).contains("and verified");
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name)
                .contains(DELIVERS, "Prometheus scrapes its own remote-write metrics (for the alerts)");
        // Install verifies right after the reload: the stand-in archive's job may not have been scraped yet.
        assertThat(env.events().all(CheckWarned.class)).extracting(CheckWarned::name)
                .isSubsetOf("job quantum_safety_archive scraped and up");
        assertThat(env.events().first(InstallPlanned.class).plan().verification().checks())
                .contains(new RemoteWriteCheck().title());
        String config = Files.readString(env.config());
        assertThat(PrometheusProcessUser.running(env.config())).as("the files were checked as this Prometheus reads")
                .get().extracting(PrometheusProcessUser::uid).isEqualTo(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        assertThat(config).contains("password_file: " + remoteWrite.passwordFile().orElseThrow())
                .doesNotContain(RemoteWriteReceiver.PASSWORD);
        await("the receiver answers a query for our series").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count("{__name__=~\"quantum_safety_.+\", job=\"quantum_safety_telemetry\"}") > 0);
        assertThat(count("quantum_safety_redis_up{job=\"quantum_safety_telemetry\"}")).isEqualTo(1);
        assertThat(count("{job=\"prometheus\"}")).as("Prometheus' own job is not ours: filtered out").isZero();
        await("the audit archive's gap and error history reaches the store too").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count("quantum_safety_archive_events_total{job=\"quantum_safety_archive\"}") == 2);
        System.out.printf("remote write: the receiver holds %d series of job quantum_safety_telemetry "
                + "(a scrape of the real exporter plus Prometheus' 5 per target)%n",
                count("{job=\"quantum_safety_telemetry\"}"));

        env.events().clear();
        OpsResult without = new Installer(env.install().build(), env.events()).install();
        assertThat(without.exitCode()).as(env.events().toString()).isZero();
        assertThat(without.summary()).contains("nothing changed; verification passed");
        assertThat(Files.readString(env.config())).as("kept: the upgrade path loses no store").isEqualTo(config);
        assertThat(env.events().first(InstallPlanned.class).plan().files()).flatExtracting(FileStep::changes)
                .anyMatch(note -> note.startsWith("keep remote_write entry quantum_safety -> " + receiver.writeUrl())
                        && note.contains(", kept from the install of "));
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name).contains(DELIVERS);
        assertThat(runningEntry()).isTrue();

        env.events().clear();
        OpsResult none = new Installer(env.install().remoteWriteChoice(RemoteWriteChoice.TAKEN_OUT).build(),
                env.events()).install();
        assertThat(none.exitCode()).as(env.events().toString()).isZero();
        assertThat(Files.readString(env.config())).doesNotContain("remote_write").isNotEqualTo(config);
        assertThat(env.events().first(InstallPlanned.class).plan().files()).flatExtracting(FileStep::changes)
                .contains("remove remote_write entry quantum_safety -> " + receiver.writeUrl() + ": an earlier "
                        + "install added it, and --remote-write.url=none takes it out");
        assertThat(runningEntry()).as("Prometheus runs no entry of ours any more").isFalse();

        env.events().clear();
        assertThat(new Rollback(env.rollback().build(), env.events()).run().exitCode()).isZero();
        assertThat(Files.readString(env.config())).as("the removal undone").isEqualTo(config);
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name)
                .contains("remote_write quantum_safety present");
        assertThat(runningEntry()).isTrue();
        env.events().clear();
        assertThat(new Rollback(env.rollback().build(), env.events()).run().exitCode()).isZero();
        assertThat(env.configBytes()).as("the first install undone").isEqualTo(env.original());
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name)
                .contains("job quantum_safety_telemetry gone", "remote_write quantum_safety gone");
        assertThat(runningEntry()).isFalse();
    }

    @Test
    void wrongCredentialsAreAWarningThatAFixedPasswordFileClears() throws Exception {
        start();
        Path password = passwordFile("not-the-password");

        OpsResult installed = new Installer(env.install().remoteWrite(remoteWrite(password)).build(), env.events())
                .install();

        assertThat(installed.exitCode()).as("the long-term store never rolls an install back").isZero();
        assertThat(installed.summary()).contains("with 1 warning [" + DELIVERS + "]");
        CheckWarned warned = env.events().all(CheckWarned.class).stream().filter(w -> w.name().equals(DELIVERS))
                .findFirst().orElseThrow();
        assertThat(warned.evidence()).contains(receiver.writeUrl())
                .contains("the receiver refused samples for good").doesNotContain("not-the-password");
        assertThat(count("{job=\"quantum_safety_telemetry\"}")).as("refused: nothing arrived").isZero();

        Files.writeString(password, RemoteWriteReceiver.PASSWORD + "\n");

        await("Prometheus reads the fixed file on its next send").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count("{job=\"quantum_safety_telemetry\"}") > 0);
        List<CheckResult> results = new Verifier(new Installer(env.install().build(), env.events()).verifySettings(),
                List.of(new RemoteWriteCheck())).run();
        // The refused samples stay counted until Prometheus restarts: the loss is still told.
        assertThat(results).filteredOn(r -> r.name().equals(DELIVERS)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Status.WARNING));
    }

    /** The bundle does not add a job scraping Prometheus: without the operator's, verify says the alerts are blind. */
    @Test
    void aPrometheusThatDoesNotScrapeItselfGetsAWarningNamingTheJobToAdd() throws Exception {
        start();
        String withoutSelf = Files.readString(env.config()).replace("""
                  # Prometheus itself
                  - job_name: prometheus
                    static_configs:
                      - targets: ["%s"]
                """.formatted(env.prometheus().address()), "");
        assertThat(withoutSelf).doesNotContain("job_name: prometheus");
        Files.writeString(env.config(), withoutSelf);
        assertThat(new PrometheusApi(env.prometheus().url(), Http.withDefaults()).reload().outcome())
                .isEqualTo(PrometheusApi.ReloadOutcome.RELOADED);

        OpsResult installed = new Installer(env.install().remoteWrite(remoteWrite(passwordFile(
                RemoteWriteReceiver.PASSWORD))).build(), env.events()).install();

        assertThat(installed.exitCode()).as(env.events().toString()).isZero();
        CheckWarned warned = env.events().all(CheckWarned.class).stream()
                .filter(w -> w.name().equals("Prometheus scrapes its own remote-write metrics (for the alerts)"))
                .findFirst().orElseThrow();
        assertThat(warned.evidence()).contains("it does not scrape itself", "QuantumSafetyRemoteWriteBehind");
        assertThat(warned.fix()).contains("- job_name: prometheus", env.prometheus().address());
        assertThat(env.events().all(CheckPassed.class)).extracting(CheckPassed::name).contains(DELIVERS);
    }

    private void start() throws IOException {
        env = OpsEnvironment.start();
        receiver = RemoteWriteReceiver.launch();
    }

    private Path passwordFile(String password) throws IOException {
        return Files.writeString(env.dir().resolve("remote-write-password"), password + "\n");
    }

    private RemoteWrite remoteWrite(Path passwordFile) {
        return new RemoteWriteInput().url(receiver.writeUrl()).username(RemoteWriteReceiver.USER)
                .passwordFile(passwordFile.toString()).build().orElseThrow();
    }

    /** How many series the receiver's answer to {@code count(selector)} counts; 0 for none. */
    private long count(String selector) {
        try {
            JsonNode result = JSON.readTree(receiver.query("count(" + selector + ")")).path("data").path("result");
            return result.isEmpty() ? 0 : Long.parseLong(result.get(0).path("value").get(1).asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean runningEntry() throws Http.UnreachableException {
        return RemoteWriteCheck.ourUrl(new PrometheusApi(env.prometheus().url(), Http.withDefaults()).config())
                .isPresent();
    }
}
