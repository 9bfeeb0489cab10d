package quantum.safety.ops.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.backup.AtomicFiles;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.FileAction;
import quantum.safety.ops.backup.FileChange;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.commands.OperatorCommands;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;

/**
 * Would a rollback work right now: the newest install's backups exist and are intact (sha256 as recorded), and the
 * files are still as the install left them (otherwise rollback asks for --force). The legacy rollback was a
 * document that was never tested; this one is checked every time doctor runs.
 */
final class RollbackReadinessChecks {

    private RollbackReadinessChecks() {
    }

    static List<CheckResult> run(DoctorSettings s) {
        if (s.prometheusConfig().isEmpty()) {
            return List.of(CheckResult.skipped(Section.ROLLBACK_READINESS, "rollback possible", "no --prometheus.config given"));
        }
        Path config = s.prometheusConfig().get().toAbsolutePath().normalize();
        ManifestStore store = new ManifestStore(s.backupDir().orElse(ManifestStore.defaultDirFor(config)));
        Optional<Manifest> latest = store.latestActive();
        // Doctor's own config and manifest folder are the ones a rollback must use, whatever verify was told.
        OperatorCommands commands = new OperatorCommands(s.verify().setup().toBuilder().prometheusConfig(config)
                .backupDir(store.dir()).build());
        if (latest.isEmpty()) {
            List<Path> legacy = legacyBackups(config);
            return List.of(legacy.isEmpty()
                    ? CheckResult.skipped(Section.ROLLBACK_READINESS, "rollback possible", "no install recorded in "
                    + store.dir() + " and no " + config.getFileName() + ".backup_* file: nothing to roll back")
                    : CheckResult.passed(Section.ROLLBACK_READINESS, "rollback possible", "no install recorded in "
                    + store.dir() + "; backups of " + config.getFileName() + ": " + legacy.stream().map(Path::getFileName).toList()
                    + "\nrestore the newest with: " + commands.rollback(legacy.get(legacy.size() - 1).toString())));
        }
        Manifest manifest = latest.get();
        List<String> lines = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        List<String> drifted = new ArrayList<>();
        for (FileChange change : manifest.files()) {
            Path path = Path.of(change.path());
            if (change.action() == FileAction.MODIFIED) {
                Path backup = Path.of(change.backup());
                String sha = sha(backup);
                boolean intact = change.sha256Before().equals(sha);
                lines.add("restore " + path + " from " + backup.getFileName() + (intact ? " (intact)" : sha == null
                        ? " (MISSING)" : " (ALTERED)"));
                if (!intact) {
                    broken.add(backup.toString());
                }
            } else {
                lines.add("delete  " + path + " (created by the install)");
            }
            if (!change.sha256After().equals(sha(path))) {
                drifted.add(path.toString());
            }
        }
        String command = commands.rollback(null);
        List<CheckResult> results = new ArrayList<>();
        String evidence = manifest.id() + " (" + manifest.createdAt() + "), manifest " + store.pathOf(manifest.id())
                + "\n" + String.join("\n", lines) + "\nrun: " + command;
        results.add(broken.isEmpty() ? CheckResult.passed(Section.ROLLBACK_READINESS, "backups of the last install intact", evidence)
                : CheckResult.failed(Section.ROLLBACK_READINESS, "backups of the last install intact", evidence,
                "rollback refuses missing or altered backups " + broken + "; restore them from your own backups"));
        results.add(drifted.isEmpty() ? CheckResult.passed(Section.ROLLBACK_READINESS, "files unchanged since the install",
                "every file matches the sha256 the install recorded")
                : CheckResult.failed(Section.ROLLBACK_READINESS, "files unchanged since the install", "edited since "
                + manifest.id() + ": " + drifted, "rollback would discard those edits; it asks for --force and backs them up first"));
        return results;
    }

    private static List<Path> legacyBackups(Path config) {
        try (var files = Files.list(config.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(config.getFileName() + ".backup_"))
                    .filter(p -> BackupStamp.isBackupName(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String sha(Path file) {
        try {
            return Files.isRegularFile(file) ? AtomicFiles.sha256(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
