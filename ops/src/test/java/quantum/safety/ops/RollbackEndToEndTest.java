package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import quantum.safety.ops.backup.BackupListing;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.testkit.RequiresTools;

@RequiresTools({"prometheus", "promtool", "prometheus-alertmanager"})
class RollbackEndToEndTest {

    private OpsEnvironment env;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void rollingBackToTheFirstOfTwoInstallsUndoesBoth() throws Exception {
        env = OpsEnvironment.start();
        assertThat(new Installer(env.install().build(), env.out).install().exitCode()).as(env.output()).isZero();
        String first = new ManifestStore(ManifestStore.defaultDirFor(env.config)).latestActive().orElseThrow().id();
        // A second install that changes something: another tag and the dashboard.
        assertThat(new Installer(env.install().tag("p13")
                .grafanaProvisioningDir(env.dir.resolve("grafana/prov")).grafanaDashboardsDir(env.dir.resolve("grafana/dash"))
                .build(), env.out).install().exitCode()).as(env.output()).isZero();

        StringWriter listing = new StringWriter();
        BackupListing.print(new PrintWriter(listing, true), env.config, new ManifestStore(ManifestStore.defaultDirFor(env.config)));
        assertThat(listing.toString()).contains(first, "install_p13_", "ACTIVE", "created  " + env.rulesDir.resolve("quantum_safety_alerts.yml"));

        OpsResult result = new Rollback(env.rollback().to(first), env.out).run();

        assertThat(result.exitCode()).as(env.output()).isZero();
        assertThat(env.configBytes()).isEqualTo(env.original);
        assertThat(env.dir.resolve("grafana/dash/quantum_safety_telemetry.json")).doesNotExist();
        assertThat(env.rulesDir.resolve("quantum_safety_alerts.yml")).doesNotExist();
    }

    @Test
    void aLegacyBackupFileIsRestoredByteForByteAndTheCurrentFileKept() throws Exception {
        env = OpsEnvironment.start();
        Path legacy = env.config.resolveSibling("prometheus.yml.backup_p12_20260119_034418");
        Files.write(legacy, env.original);
        Files.writeString(env.config, new String(env.original).replace("evaluation_interval: 1s", "evaluation_interval: 2s"));

        OpsResult result = new Rollback(env.rollback().to(legacy.toString()), env.out).run();

        assertThat(result.exitCode()).as(env.output()).isZero();
        assertThat(env.configBytes()).isEqualTo(env.original);
        assertThat(env.output()).contains("restore: " + env.config + " from prometheus.yml.backup_p12_20260119_034418",
                "backup:  " + env.config + ".backup_rollback_");
    }

    @Test
    void filesEditedSinceTheInstallAreNotOverwrittenWithoutForce() throws Exception {
        env = OpsEnvironment.start();
        assertThat(new Installer(env.install().build(), env.out).install().exitCode()).as(env.output()).isZero();
        Files.writeString(env.config, Files.readString(env.config) + "# edited after the install\n");

        assertThatThrownBy(() -> new Rollback(env.rollback(), env.out).run())
                .isInstanceOf(OpsInputException.class).hasMessageContaining("changed since the install")
                .hasMessageContaining("--force");

        OpsResult forced = new Rollback(env.rollback().withForce(true), env.out).run();
        assertThat(forced.exitCode()).as(env.output()).isZero();
        assertThat(env.configBytes()).isEqualTo(env.original);
        try (var files = Files.list(env.config.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("prometheus.yml.backup_rollback_"));
        }
    }

    @Test
    void nothingToRollBackIsBadInputNamingWhereItLooked() throws Exception {
        env = OpsEnvironment.start();
        assertThatThrownBy(() -> new Rollback(env.rollback(), env.out).run())
                .isInstanceOf(OpsInputException.class).hasMessageContaining("no install to roll back in");
    }
}
