package quantum.safety.ops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import quantum.safety.ops.event.OpsEvent.BackupsListed;
import quantum.safety.ops.event.OpsEvent.BackupsListed.BackupFile;
import quantum.safety.ops.event.OpsListener;

/**
 * {@code ops backups}: every install recorded in the manifest folder (id, time, state, files), newest first, then the
 * loose {@code prometheus.yml.backup_*} files next to the config, legacy ones included, each restorable with
 * {@code ops rollback --to FILE}.
 */
public final class BackupListing {

    private BackupListing() {
    }

    /** Reports the listing as one event; returns how many installs and loose backups it found. */
    public static int list(Path prometheusConfig, ManifestStore store, OpsListener events) {
        List<Manifest> newestFirst = new ArrayList<>(store.list());
        Collections.reverse(newestFirst);
        List<BackupFile> loose = looseBackups(prometheusConfig).stream().map(BackupListing::describe).toList();
        events.on(new BackupsListed(store.dir(), newestFirst, prometheusConfig, loose));
        return newestFirst.size() + loose.size();
    }

    static List<Path> looseBackups(Path config) {
        Path dir = config.toAbsolutePath().normalize().getParent();
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(config.getFileName() + ".backup_"))
                    .filter(p -> BackupStamp.isBackupName(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static BackupFile describe(Path file) {
        try {
            return new BackupFile(file, Files.size(file), Files.getLastModifiedTime(file).toString());
        } catch (IOException e) {
            return new BackupFile(file, -1, null);
        }
    }
}
