package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.event.OpsEvent;
import quantum.safety.ops.event.OpsEvent.FileRestored;
import quantum.safety.ops.event.OpsEvent.FileWritten;
import quantum.safety.ops.event.OpsEvent.InstallPlanned;
import quantum.safety.ops.event.OpsEvent.ManifestWritten;
import quantum.safety.ops.event.OpsEvent.ReloadLeftToOperator;
import quantum.safety.ops.event.OpsListener;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.plan.Service;
import quantum.safety.testkit.RequiresTools;

/**
 * Install and rollback with {@code --no-reload}: every step up to the reload, on real files and a real promtool,
 * without a Prometheus.
 */
@RequiresTools({"promtool"})
class InstallWithoutReloadTest {

    private static final String ORIGINAL = "# mine\nscrape_configs: []\n";

    @TempDir
    Path tmp;

    private InstallRequest.Builder install() throws Exception {
        return InstallRequest.builder().prometheusConfig(Files.writeString(tmp.resolve("prometheus.yml"), ORIGINAL))
                .rulesDir(tmp.resolve("rules")).bundle(Fixtures.bundle(tmp.resolve("bundle"))).reload(false);
    }

    @Test
    void installAndRollbackReportEveryStepAndLeaveTheReloadToTheOperator() throws Exception {
        EventLog events = new EventLog();

        OpsResult installed = new Installer(install().build(), events).install();

        assertThat(installed.exitCode()).as(events.toString()).isZero();
        assertThat(events.steps()).containsExactly("InstallStarted", "InstallPlanned", "ValidationStarted",
                "FileValidated", "DirectoryCreated", "BackupWritten", "ManifestWritten", "FileWritten",
                "ReloadLeftToOperator");
        InstallPlan plan = events.first(InstallPlanned.class).plan();
        assertThat(plan.createDirectories()).containsExactly(tmp.resolve("rules"));
        assertThat(plan.reloads()).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo(Service.PROMETHEUS);
            assertThat(r.how()).contains("systemctl reload prometheus");
        });
        assertThat(plan.verification()).as("--no-reload: nothing to verify against").isNull();
        assertThat(events.all(FileWritten.class)).extracting(FileWritten::file)
                .containsExactly(tmp.resolve("rules/quantum_safety_alerts.yml"),
                        tmp.resolve("rules/quantum_safety_recording.yml"),
                        tmp.resolve("rules/quantum_safety_deployment.yml"), tmp.resolve("prometheus.yml"));
        ReloadLeftToOperator left = events.first(ReloadLeftToOperator.class);
        assertThat(left.reason()).isEqualTo(ReloadLeftToOperator.Reason.NOT_ASKED);
        assertThat(left.then()).contains("quantum-safety ops verify");
        String id = events.first(ManifestWritten.class).installId();
        events.clear();

        OpsResult rolledBack = new Rollback(RollbackRequest.builder()
                .prometheusConfig(tmp.resolve("prometheus.yml")).prometheusUrl("http://127.0.0.1:9")
                .reload(false).verify(false).verifyTimeout(Duration.ofSeconds(1)).build(), events).run();

        assertThat(rolledBack.exitCode()).as(events.toString()).isZero();
        assertThat(events.steps()).containsExactly("RollbackChosen", "RollbackPlanned", "ValidationStarted",
                "FileValidated", "FileRestored", "FileDeleted", "DirectoryDeleted", "RolledBack", "ReloadLeftToOperator");
        assertThat(events.first(OpsEvent.RolledBack.class).installIds()).containsExactly(id);
        assertThat(events.first(FileRestored.class).file()).isEqualTo(tmp.resolve("prometheus.yml"));
        assertThat(Files.readString(tmp.resolve("prometheus.yml"))).isEqualTo(ORIGINAL);
        assertThat(tmp.resolve("rules")).doesNotExist();
    }

    @Test
    void aListenerThatThrowsCannotStopAChangeHalfWay() throws Exception {
        List<OpsEvent> seen = new ArrayList<>();
        OpsListener broken = event -> {
            seen.add(event);
            throw new IllegalStateException("the renderer broke");
        };

        OpsResult installed = new Installer(install().build(), broken).install();

        assertThat(installed.exitCode()).isZero();
        assertThat(seen).last().isInstanceOf(ReloadLeftToOperator.class);
        assertThat(tmp.resolve("rules/quantum_safety_alerts.yml")).exists();
        assertThat(Files.readString(tmp.resolve("prometheus.yml"))).contains("job_name: quantum_safety_telemetry");
    }
}
