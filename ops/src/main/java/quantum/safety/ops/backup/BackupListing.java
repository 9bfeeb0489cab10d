package quantum.safety.ops.backup;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ops backups}: every install recorded in the manifest folder (id, time, state, files), then the loose
 * {@code prometheus.yml.backup_*} files next to the config, legacy ones included, each restorable with
 * {@code ops rollback --to FILE}.
 */
public final class BackupListing {

    private BackupListing() {
    }

    /** Prints the listing; returns how many installs and loose backups it found. */
    public static int print(PrintWriter out, Path prometheusConfig, ManifestStore store) {
        List<Manifest> manifests = store.list();
        out.println("installs recorded in " + store.dir() + ":");
        if (manifests.isEmpty()) {
            out.println("  (none)");
        }
        for (int i = manifests.size() - 1; i >= 0; i--) {
            Manifest m = manifests.get(i);
            out.println("  " + m.id() + "  tag " + m.tag() + "  " + m.createdAt() + "  "
                    + (m.active() ? "ACTIVE" : "rolled back " + m.rolledBackAt()));
            for (FileChange f : m.files()) {
                out.println("      " + (f.action() == FileAction.CREATED ? "created  " : "modified ") + f.path()
                        + (f.backup() == null ? "" : "  (backup " + Path.of(f.backup()).getFileName() + ")"));
            }
        }
        List<Path> loose = looseBackups(prometheusConfig);
        out.println("backup files next to " + prometheusConfig.getFileName() + ":");
        if (loose.isEmpty()) {
            out.println("  (none)");
        }
        for (Path backup : loose) {
            out.println("  " + backup + size(backup));
        }
        if (!manifests.isEmpty() || !loose.isEmpty()) {
            out.println("roll back the newest install: quantum-safety ops rollback --prometheus.config " + prometheusConfig);
            out.println("or one of the above:          quantum-safety ops rollback --prometheus.config " + prometheusConfig
                    + " --to ID|FILE");
        }
        return manifests.size() + loose.size();
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

    private static String size(Path file) {
        try {
            return "  (" + Files.size(file) + " bytes, " + Files.getLastModifiedTime(file) + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
