package quantum.safety.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.event.OpsEvent.BackupsPruned;
import quantum.safety.ops.event.OpsEvent.BackupsPruned.Pruned;
import quantum.safety.ops.event.OpsListener;

/**
 * {@code ops backups --prune N}: keeps the newest N installs and removes the others, each with its backups and its
 * manifest, so the folder does not grow with every install. Loose backup files (legacy ones, the copies rollback
 * keeps of edited files) are the operator's and stay.
 */
public final class BackupPruner {

    private BackupPruner() {
    }

    /** Reports what it removed (or, with {@code dryRun}, would remove) as one event; returns how many installs. */
    public static int prune(ManifestStore store, int keep, boolean dryRun, OpsListener events) {
        if (keep < 1) {
            throw new OpsInputException("--prune " + keep + ": keep at least the newest install, e.g. --prune=5 "
                    + "(a rollback needs its manifest and backups)");
        }
        List<Manifest> all = store.list();
        List<Pruned> removed = new ArrayList<>();
        for (Manifest manifest : all.subList(0, Math.max(0, all.size() - keep))) {
            List<Path> files = new ArrayList<>();
            manifest.files().stream().filter(f -> f.backup() != null).map(f -> Path.of(f.backup()))
                    .filter(Files::exists).forEach(files::add);
            files.add(store.pathOf(manifest.id()));
            if (!dryRun) {
                // Backups first: a manifest whose backups are gone is refused by rollback, not misread.
                files.forEach(BackupPruner::delete);
            }
            removed.add(new Pruned(manifest.id(), manifest.active(), files));
        }
        events.on(new BackupsPruned(keep, removed, dryRun));
        return removed.size();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + " (" + e.getMessage() + "); pruning stopped "
                    + "there, older installs are gone", e);
        }
    }
}
