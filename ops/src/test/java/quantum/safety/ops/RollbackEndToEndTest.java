package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import quantum.safety.ops.backup.BackupListing;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.event.OpsEvent.BackupWritten;
import quantum.safety.ops.event.OpsEvent.BackupsListed;
import quantum.safety.ops.event.OpsEvent.FileRestored;
import quantum.safety.ops.event.OpsEvent.RollbackChosen;
import quantum.safety.ops.event.OpsEvent.RollbackPlanned;
import quantum.safety.ops.event.OpsEvent.RolledBack;
import quantum.safety.ops.plan.FileStep;
import quantum.safety.ops.plan.RollbackPlan;
import quantum.safety.testkit.RequiresTools;

@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class RollbackEndToEndTest {

    @AutoClose
    private OpsEnvironment env;

    @Test
    void rollingBackToTheFirstOfTwoInstallsUndoesBoth() throws Exception {
        env = OpsEnvironment.start();
        EventLog events = env.events();
        assertThat(new Installer(env.install().build(), events).install().exitCode()).as(events.toString()).isZero();
        String first = new ManifestStore(ManifestStore.defaultDirFor(env.config())).latestActive().orElseThrow().id();
        // A second install that changes something: another tag and the dashboard.
        assertThat(new Installer(env.install().tag("p13")
                .grafanaProvisioningDir(env.dir().resolve("grafana/prov")).grafanaDashboardsDir(env.dir().resolve("grafana/dash"))
                .build(), events).install().exitCode()).as(events.toString()).isZero();
        events.clear();

        BackupListing.list(env.config(), new ManifestStore(ManifestStore.defaultDirFor(env.config())), events);
        BackupsListed listed = events.first(BackupsListed.class);
        assertThat(listed.installs()).extracting(m -> m.id()).hasSize(2).endsWith(first).first().asString()
                .startsWith("install_p13_");
        assertThat(listed.installs()).allMatch(m -> m.active());
        assertThat(listed.installs().get(1).files()).anyMatch(f -> f.path().equals(
                env.rulesDir().resolve("quantum_safety_alerts.yml").toString()) && f.backup() == null);
        events.clear();

        OpsResult result = new Rollback(env.rollback().to(first).build(), events).run();

        assertThat(result.exitCode()).as(events.toString()).isZero();
        assertThat(events.steps()).containsExactly("RollbackChosen", "RollbackPlanned", "ValidationStarted",
                "FileValidated", "FileRestored", "FileDeleted", "DirectoryDeleted", "RolledBack",
                "ReloadRequested", "Reloaded", "VerificationStarted", "CheckPassed", "VerificationFinished");
        List<String> both = events.first(RollbackChosen.class).installIds();
        assertThat(both).hasSize(2).endsWith(first);
        assertThat(events.first(RolledBack.class).installIds()).isEqualTo(both);
        RollbackPlan plan = events.first(RollbackPlanned.class).plan();
        assertThat(plan.files().get(0).action()).isEqualTo(FileStep.Action.RESTORE);
        assertThat(plan.files().get(0).path()).isEqualTo(env.config());
        assertThat(plan.files().get(0).diff()).contains("-  - job_name: quantum_safety_telemetry");
        assertThat(plan.files().subList(1, plan.files().size())).extracting(FileStep::action).containsOnly(FileStep.Action.DELETE);
        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.dir().resolve("grafana/dash/quantum_safety_telemetry.json")).doesNotExist();
        assertThat(env.rulesDir().resolve("quantum_safety_alerts.yml")).doesNotExist();
    }

    @Test
    void aLegacyBackupFileIsRestoredByteForByteAndTheCurrentFileKept() throws Exception {
        env = OpsEnvironment.start();
        Path legacy = env.config().resolveSibling("prometheus.yml.backup_p12_20260119_034418");
        Files.write(legacy, env.original());
        Files.writeString(env.config(), new String(env.original()).replace("evaluation_interval: 1s", "evaluation_interval: 2s"));

        OpsResult result = new Rollback(env.rollback().to(legacy.toString()).build(), env.events()).run();

        assertThat(result.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.events().steps()).containsExactly("RollbackPlanned", "ValidationStarted", "FileValidated",
                "BackupWritten", "FileRestored", "ReloadRequested", "Reloaded", "VerificationStarted", "CheckPassed",
                "VerificationFinished");
        BackupWritten kept = env.events().first(BackupWritten.class);
        assertThat(kept.reason()).isEqualTo(BackupWritten.Reason.BEFORE_RESTORE);
        assertThat(kept.backup().getFileName().toString()).startsWith("prometheus.yml.backup_rollback_");
        assertThat(Files.readString(kept.backup())).contains("evaluation_interval: 2s");
        FileRestored restored = env.events().first(FileRestored.class);
        assertThat(restored.file()).isEqualTo(env.config());
        assertThat(restored.from()).isEqualTo(legacy);
        assertThat(restored.bytes()).isEqualTo(env.original().length);
    }

    @Test
    void filesEditedSinceTheInstallAreNotOverwrittenWithoutForce() throws Exception {
        env = OpsEnvironment.start();
        assertThat(new Installer(env.install().build(), env.events()).install().exitCode()).as(env.events().toString()).isZero();
        Files.writeString(env.config(), Files.readString(env.config()) + "# edited after the install\n");
        env.events().clear();

        assertThatThrownBy(() -> new Rollback(env.rollback().build(), env.events()).run())
                .isInstanceOf(OpsInputException.class).hasMessageContaining("changed since the install")
                .hasMessageContaining("--force");
        assertThat(env.events().steps()).containsExactly("RollbackChosen");
        env.events().clear();

        OpsResult forced = new Rollback(env.rollback().force(true).build(), env.events()).run();
        assertThat(forced.exitCode()).as(env.events().toString()).isZero();
        assertThat(env.configBytes()).isEqualTo(env.original());
        BackupWritten edits = env.events().first(BackupWritten.class);
        assertThat(edits.reason()).isEqualTo(BackupWritten.Reason.EDITED_SINCE_INSTALL);
        assertThat(edits.file()).isEqualTo(env.config());
        assertThat(Files.readString(edits.backup())).endsWith("# edited after the install\n");
        assertThat(env.events().first(RollbackPlanned.class).plan().backUp()).containsExactly(env.config());
    }

    /** The files are back either way; re-running the rollback would find nothing to undo, so the retry is the reload. */
    @Test
    void aPrometheusThatCannotBeReloadedIsAFailureWithTheCommandToRetry() throws Exception {
        env = OpsEnvironment.start();
        assertThat(new Installer(env.install().build(), env.events()).install().exitCode()).as(env.events().toString()).isZero();
        env.prometheus().stop();
        env.events().clear();

        OpsResult result = new Rollback(RollbackRequest.builder().prometheusConfig(env.config()).build(), env.events()).run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("Prometheus at " + env.prometheus().url() + " did not reload",
                "connection refused", "retry: curl -X POST " + env.prometheus().url() + "/-/reload");
        assertThat(env.events().steps()).endsWith("RolledBack", "ReloadRequested", "ReloadFailed");
        assertThat(env.configBytes()).isEqualTo(env.original());
        assertThat(env.rulesDir().resolve("quantum_safety_alerts.yml")).doesNotExist();
    }

    @Test
    void nothingToRollBackIsBadInputNamingWhereItLooked() throws Exception {
        env = OpsEnvironment.start();
        assertThatThrownBy(() -> new Rollback(env.rollback().build(), env.events()).run())
                .isInstanceOf(OpsInputException.class).hasMessageContaining("no install to roll back in");
        assertThat(env.events().all()).isEmpty();
    }
}
