package quantum.safety.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import quantum.safety.ops.RollbackPlanner.Prepared;
import quantum.safety.ops.RollbackPlanner.Restoration;
import quantum.safety.ops.alertmanager.AlertmanagerApi;
import quantum.safety.ops.backup.AtomicFiles;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.event.OpsEvent.AutomaticRollbackStarted;
import quantum.safety.ops.event.OpsEvent.BackupWritten;
import quantum.safety.ops.event.OpsEvent.DirectoryDeleted;
import quantum.safety.ops.event.OpsEvent.FileDeleted;
import quantum.safety.ops.event.OpsEvent.FileRestored;
import quantum.safety.ops.event.OpsEvent.RollbackChosen;
import quantum.safety.ops.event.OpsEvent.RollbackPlanned;
import quantum.safety.ops.event.OpsEvent.RolledBack;
import quantum.safety.ops.event.OpsEvent.ValidationSkipped;
import quantum.safety.ops.event.OpsEvent.ValidationStarted;
import quantum.safety.ops.event.OpsListener;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.validate.Amtool;
import quantum.safety.ops.validate.Promtool;

/**
 * Puts files back as they were before one or more installs: backups restored byte for byte, files the installs
 * created deleted, the result validated with promtool (and amtool) before it goes live, Prometheus and, when its
 * files changed, Alertmanager reloaded (those the install recorded, unless the request names others), and the live
 * state checked against the restored files. What happens is told to the listener as events.
 */
public final class Rollback {

    private final RollbackRequest request;
    private final RollbackPlanner planner;
    private final OpsListener events;
    private final Http http = Http.withDefaults();

    public Rollback(RollbackRequest request, OpsListener listener) {
        this.request = request;
        this.planner = new RollbackPlanner(request);
        this.events = OpsListener.guarded(listener);
    }

    public OpsResult run() {
        Path config = request.configPath();
        Planner.requireFile("--prometheus.config", config, "point it at the prometheus.yml Prometheus runs with");
        ManifestStore store = new ManifestStore(request.backupDir().orElse(ManifestStore.defaultDirFor(config)));
        if (request.to().isPresent()) {
            Path asFile = Path.of(request.to().get());
            if (Files.isRegularFile(asFile) && BackupStamp.isBackupName(asFile.getFileName().toString())) {
                Path backup = asFile.toAbsolutePath().normalize();
                Path original = BackupStamp.originalOf(backup).orElseThrow();
                return apply(planner.restore(backup, original), store,
                        "restored " + original.getFileName() + " from " + backup.getFileName());
            }
        }
        List<Manifest> chosen = planner.choose(store);
        events.on(new RollbackChosen(chosen.stream().map(Manifest::id).toList(), store.dir()));
        return apply(planner.undo(chosen, true), store, "rolled back");
    }

    /** Used by install when its own change failed: no drift check, the files are the ones it just wrote. */
    OpsResult undoInstall(Manifest manifest, ManifestStore store, String reason) {
        events.on(new AutomaticRollbackStarted(manifest.id(), reason));
        return apply(planner.undo(List.of(manifest), false), store, "files restored");
    }

    private OpsResult apply(Prepared prepared, ManifestStore store, String what) {
        events.on(new RollbackPlanned(prepared.plan()));
        validate(prepared.files());
        if (!request.confirm().test(prepared.plan())) {
            return OpsResult.failed("rollback aborted; nothing changed");
        }
        List<String> removedReceivers = receiversOfDeletedAlertmanagerConfig(prepared.files());
        Set<String> jobsBefore = StateCheck.ourJobs(request.configPath());
        try {
            BackupStamp stamp = BackupStamp.now("rollback", request.clock());
            for (Path file : prepared.plan().backUp()) {
                Path backup = stamp.backupPathFor(file);
                AtomicFiles.backup(file, backup);
                events.on(new BackupWritten(file, backup, prepared.backupReason()));
            }
            for (Restoration file : prepared.files()) {
                if (file.content().isPresent()) {
                    byte[] content = file.content().get();
                    AtomicFiles.write(file.path(), content);
                    events.on(new FileRestored(file.path(), file.from(), content.length, AtomicFiles.sha256(content)));
                } else if (Files.deleteIfExists(file.path())) {
                    events.on(new FileDeleted(file.path()));
                }
            }
            for (Path dir : prepared.plan().removeDirectoriesIfEmpty()) {
                if (Files.isDirectory(dir) && isEmpty(dir)) {
                    Files.delete(dir);
                    events.on(new DirectoryDeleted(dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(prepared.manifests().isEmpty()
                    ? "cannot restore " + prepared.files().get(0).path() + ": " + e.getMessage()
                    : "rollback stopped half-way at " + e.getMessage()
                    + "; once the cause is fixed, re-run: " + request.commands().rollback(null), e);
        }
        if (!prepared.manifests().isEmpty()) {
            String when = LocalDateTime.now(request.clock()).withNano(0).toString();
            prepared.manifests().forEach(m -> store.save(m.rolledBack(when)));
            events.on(new RolledBack(prepared.plan().installIds(), when));
        }
        return new RestoredServices(request, prepared, events, http, removedReceivers, jobsBefore).reloadAndCheck(what);
    }

    /** promtool (and amtool, when there) on what is about to be restored, before it is live again. */
    private void validate(List<Restoration> files) {
        Map<Path, byte[]> candidates = new LinkedHashMap<>();
        files.forEach(f -> f.content().ifPresent(c -> candidates.put(f.path(), c)));
        List<Path> rules = kind(files, FileKind.RULES);
        Optional<Path> am = kind(files, FileKind.ALERTMANAGER_CONFIG).stream().findFirst();
        events.on(new ValidationStarted());
        Optional<Amtool> amtool = Optional.empty();
        if (am.isPresent()) {
            try {
                amtool = Optional.of(Amtool.locate(request.amtool()));
            } catch (OpsInputException e) {
                events.on(new ValidationSkipped(am.get(), "amtool not found"));
                am = Optional.empty();
            }
        }
        Map<Path, byte[]> templates = new LinkedHashMap<>();
        files.stream().filter(f -> f.kind() == FileKind.ALERTMANAGER_TEMPLATE && f.content().isPresent())
                .forEach(f -> templates.put(f.path(), f.content().get()));
        new StagedValidation(Promtool.locate(request.promtool()), amtool, events)
                .validate(candidates, request.configPath(), rules, am, templates);
    }

    /** What the Alertmanager config the install created routed to, read before the rollback deletes it. */
    private static List<String> receiversOfDeletedAlertmanagerConfig(List<Restoration> files) {
        return files.stream().filter(f -> f.kind() == FileKind.ALERTMANAGER_CONFIG && f.content().isEmpty())
                .filter(f -> Files.isRegularFile(f.path())).findFirst()
                .map(f -> AlertmanagerApi.receivers(new String(RollbackPlanner.readBytes(f.path()), StandardCharsets.UTF_8)))
                .orElse(List.of());
    }

    private static List<Path> kind(List<Restoration> files, FileKind kind) {
        return files.stream().filter(f -> f.kind() == kind && f.content().isPresent()).map(Restoration::path).toList();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
