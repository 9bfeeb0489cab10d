package quantum.safety.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import quantum.safety.ops.backup.AtomicFiles;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.FileAction;
import quantum.safety.ops.backup.FileChange;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.event.OpsEvent.BackupWritten;
import quantum.safety.ops.event.OpsEvent.DirectoryCreated;
import quantum.safety.ops.event.OpsEvent.ManifestWritten;
import quantum.safety.ops.event.OpsListener;

/**
 * Install's last step before the first live write: the folders it needs, a backup of every file that changes, and
 * the manifest naming them all with their hashes and the setup used, so a rollback, even after a crash half-way,
 * knows what to undo. A try that fails leaves none of it behind: neither when this step itself fails, nor (through
 * {@link #discard}) once install has undone its own change.
 */
final class InstallBackup {

    private InstallBackup() {
    }

    /** {@code id}: the manifest's, made from {@code stamp} before planning, since the deployment rule names it. */
    static Manifest write(InstallRequest request, Planner.Plan plan, ManifestStore store, OpsListener events,
                          BackupStamp stamp, String id) {
        InstallSetup setup = request.setup();
        List<FileChange> changes = new ArrayList<>();
        List<Path> made = new ArrayList<>();
        try {
            for (Path dir : plan.missingDirectories()) {
                Files.createDirectories(dir);
                made.add(dir);
                events.on(new DirectoryCreated(dir));
            }
            for (PlannedFile file : plan.changed()) {
                String after = AtomicFiles.sha256(file.after());
                if (file.creates()) {
                    changes.add(new FileChange(file.target().toString(), file.kind().name(), FileAction.CREATED, null, null, after));
                } else {
                    Path backup = stamp.backupPathFor(file.target());
                    AtomicFiles.backup(file.target(), backup);
                    made.add(backup);
                    events.on(new BackupWritten(file.target(), backup, BackupWritten.Reason.BEFORE_INSTALL));
                    changes.add(new FileChange(file.target().toString(), file.kind().name(), FileAction.MODIFIED,
                            backup.toString(), AtomicFiles.sha256(file.before().get()), after));
                }
            }
            if (!Files.isDirectory(store.dir())) {
                made.add(store.dir());
            }
            Manifest manifest = new Manifest(id, Manifest.KIND_INSTALL, stamp.tag(),
                    LocalDateTime.now(request.clock()).withNano(0).toString(), request.configPath().toString(), changes,
                    plan.missingDirectories().stream().map(Path::toString).toList(), null, setup);
            store.save(manifest);
            events.on(new ManifestWritten(manifest.id(), store.pathOf(manifest.id())));
            return manifest;
        } catch (IOException | UncheckedIOException e) {
            removeQuietly(made);
            throw new UncheckedIOException("cannot back up before installing (" + e.getMessage()
                    + "); no live file was changed and no backup is left", e instanceof IOException io ? io
                    : ((UncheckedIOException) e).getCause());
        }
    }

    /**
     * After install undid its own change, the backups equal the live files again and the manifest records a try, not
     * an install: both go, and the manifest folder too if this try made it. Returns what could not be removed, in
     * words, or null.
     */
    static String discard(Manifest manifest, ManifestStore store, boolean storeMadeByThisTry) {
        // In the order they were made: removal goes the other way, so the folder is emptied before it goes.
        List<Path> made = new ArrayList<>();
        if (storeMadeByThisTry) {
            made.add(store.dir());
        }
        manifest.files().stream().filter(f -> f.backup() != null).forEach(f -> made.add(Path.of(f.backup())));
        made.add(store.pathOf(manifest.id()));
        List<Path> left = removeQuietly(made);
        return left.isEmpty() ? null : "left behind: " + left;
    }

    /** Deletes what was made, last made first, folders only when empty; returns what could not be deleted. */
    private static List<Path> removeQuietly(List<Path> paths) {
        List<Path> left = new ArrayList<>();
        for (int i = paths.size() - 1; i >= 0; i--) {
            Path path = paths.get(i);
            try {
                if (!Files.isDirectory(path) || isEmpty(path)) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                left.add(path);
            }
        }
        return left;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
