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
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.event.OpsEvent.BackupWritten;
import quantum.safety.ops.event.OpsEvent.DirectoryCreated;
import quantum.safety.ops.event.OpsEvent.ManifestWritten;
import quantum.safety.ops.event.OpsListener;

/**
 * Install's last step before the first live write: the folders it needs, a backup of every file that changes, and
 * the manifest naming them all with their hashes, so a rollback, even after a crash half-way, knows what to undo.
 */
final class InstallBackup {

    private InstallBackup() {
    }

    static Manifest write(InstallRequest request, Planner.Plan plan, ManifestStore store, OpsListener events) {
        BackupStamp stamp = BackupStamp.now(request.tag(), request.clock());
        List<FileChange> changes = new ArrayList<>();
        try {
            for (Path dir : plan.missingDirectories()) {
                Files.createDirectories(dir);
                events.on(new DirectoryCreated(dir));
            }
            for (PlannedFile file : plan.changed()) {
                String after = AtomicFiles.sha256(file.after());
                if (file.creates()) {
                    changes.add(new FileChange(file.target().toString(), file.kind().name(), FileAction.CREATED, null, null, after));
                } else {
                    Path backup = stamp.backupPathFor(file.target());
                    AtomicFiles.backup(file.target(), backup);
                    events.on(new BackupWritten(file.target(), backup, BackupWritten.Reason.BEFORE_INSTALL));
                    changes.add(new FileChange(file.target().toString(), file.kind().name(), FileAction.MODIFIED,
                            backup.toString(), AtomicFiles.sha256(file.before().get()), after));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot back up before installing (" + e.getMessage()
                    + "); no live file was changed", e);
        }
        Manifest manifest = new Manifest(store.newId(stamp), Manifest.KIND_INSTALL, stamp.tag(),
                LocalDateTime.now(request.clock()).withNano(0).toString(), request.configPath().toString(), changes,
                plan.missingDirectories().stream().map(Path::toString).toList(), null,
                Http.requireBaseUrl("--prometheus.url", request.prometheusUrl()), request.alertmanagerUrl()
                .map(u -> Http.requireBaseUrl("--alertmanager.url", u)).orElse(null));
        store.save(manifest);
        events.on(new ManifestWritten(manifest.id(), store.pathOf(manifest.id())));
        return manifest;
    }
}
