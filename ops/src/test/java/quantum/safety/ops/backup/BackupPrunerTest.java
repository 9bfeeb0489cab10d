package quantum.safety.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.event.OpsEvent.BackupsPruned;

class BackupPrunerTest {

    @TempDir
    Path tmp;

    /** Three installs of prometheus.yml, the first rolled back, each with its backup beside the config. */
    private ManifestStore threeInstalls() throws Exception {
        ManifestStore store = new ManifestStore(tmp.resolve("backups"));
        for (int day = 19; day <= 21; day++) {
            String stamp = "202601" + day + "_034418";
            Path backup = Files.writeString(tmp.resolve("prometheus.yml.backup_qs_" + stamp), "scrape_configs: []\n");
            store.save(new Manifest("install_qs_" + stamp, Manifest.KIND_INSTALL, "qs", "2026-01-" + day + "T03:44:18",
                    tmp.resolve("prometheus.yml").toString(), List.of(new FileChange(tmp.resolve("prometheus.yml").toString(),
                    "PROMETHEUS_CONFIG", FileAction.MODIFIED, backup.toString(), "aa", "bb")), List.of(),
                    day == 19 ? "2026-01-19T04:00:00" : null));
        }
        Files.writeString(tmp.resolve("prometheus.yml.backup_p12_20260101_000000"), "legacy\n");
        return store;
    }

    @Test
    void keepsTheNewestInstallsAndRemovesTheOthersWithTheirBackupsSayingWhatWent() throws Exception {
        ManifestStore store = threeInstalls();
        EventLog events = new EventLog();

        int removed = BackupPruner.prune(store, 1, false, events);

        assertThat(removed).isEqualTo(2);
        assertThat(store.list()).extracting(Manifest::id).containsExactly("install_qs_20260121_034418");
        assertThat(tmp.resolve("prometheus.yml.backup_qs_20260119_034418")).doesNotExist();
        assertThat(tmp.resolve("prometheus.yml.backup_qs_20260120_034418")).doesNotExist();
        assertThat(tmp.resolve("prometheus.yml.backup_qs_20260121_034418")).exists();
        assertThat(tmp.resolve("prometheus.yml.backup_p12_20260101_000000")).as("loose backups stay").exists();
        BackupsPruned pruned = events.first(BackupsPruned.class);
        assertThat(pruned.dryRun()).isFalse();
        assertThat(pruned.removed()).extracting(BackupsPruned.Pruned::installId, BackupsPruned.Pruned::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("install_qs_20260119_034418", false),
                        org.assertj.core.groups.Tuple.tuple("install_qs_20260120_034418", true));
        assertThat(pruned.removed().get(0).files()).containsExactly(tmp.resolve("prometheus.yml.backup_qs_20260119_034418"),
                store.pathOf("install_qs_20260119_034418"));
    }

    @Test
    void aDryRunSaysTheSameAndRemovesNothing() throws Exception {
        ManifestStore store = threeInstalls();
        EventLog events = new EventLog();

        assertThat(BackupPruner.prune(store, 2, true, events)).isEqualTo(1);

        assertThat(store.list()).hasSize(3);
        assertThat(tmp.resolve("prometheus.yml.backup_qs_20260119_034418")).exists();
        assertThat(events.first(BackupsPruned.class).removed()).extracting(BackupsPruned.Pruned::installId)
                .containsExactly("install_qs_20260119_034418");
        assertThat(events.first(BackupsPruned.class).dryRun()).isTrue();
    }

    @Test
    void keepingNoneIsRefusedAndKeepingMoreThanThereAreRemovesNothing() throws Exception {
        ManifestStore store = threeInstalls();

        assertThatThrownBy(() -> BackupPruner.prune(store, 0, false, new EventLog()))
                .isInstanceOf(OpsInputException.class).hasMessageStartingWith("--prune 0: keep at least the newest install");
        assertThat(BackupPruner.prune(store, 5, false, new EventLog())).isZero();
        assertThat(store.list()).hasSize(3);
    }
}
