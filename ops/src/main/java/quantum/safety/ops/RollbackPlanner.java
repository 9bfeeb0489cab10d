package quantum.safety.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import quantum.safety.ops.commands.ShellWords;
import quantum.safety.ops.backup.AtomicFiles;
import quantum.safety.ops.backup.FileAction;
import quantum.safety.ops.backup.FileChange;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.event.OpsEvent.BackupWritten;
import quantum.safety.ops.plan.FileKind;
import quantum.safety.ops.plan.FileStep;
import quantum.safety.ops.plan.PlannedReload;
import quantum.safety.ops.plan.PlannedVerification;
import quantum.safety.ops.plan.RollbackPlan;
import quantum.safety.ops.plan.Service;

/**
 * Works out, without changing anything, what a rollback restores and deletes: which installs, each backup read and
 * checked against the hash recorded at install time, and the files edited since (refused unless forced).
 */
final class RollbackPlanner {

    /** One file to put back: its content then (empty: the install created it, so it goes), and where that comes from. */
    record Restoration(Path path, FileKind kind, Optional<byte[]> content, Path from) {
    }

    /**
     * The plan as the operator reads it, and what applying it needs: the bytes, the manifests to mark, the backups,
     * and the services to reload.
     */
    record Prepared(RollbackPlan plan, List<Manifest> manifests, List<Restoration> files, BackupWritten.Reason backupReason,
                    Services services) {

        /** True when the rollback changes a file Alertmanager reads, so Alertmanager is reloaded too. */
        boolean touchesAlertmanager() {
            return files.stream().anyMatch(f -> f.kind() != null && f.kind().alertmanager());
        }
    }

    /**
     * The services a rollback reloads: those the operator names, else those the newest of the installs recorded
     * (Prometheus then defaults to {@value RollbackRequest#DEFAULT_PROMETHEUS_URL}; Alertmanager stays unknown).
     */
    record Services(String prometheusUrl, Optional<String> alertmanagerUrl) {
    }

    private final RollbackRequest request;

    RollbackPlanner(RollbackRequest request) {
        this.request = request;
    }

    /** The installs {@code --to} names, with every later one still active, newest first; or the newest active one. */
    List<Manifest> choose(ManifestStore store) {
        List<Manifest> all = store.list();
        if (request.to().isEmpty()) {
            Manifest latest = store.latestActive().orElseThrow(() -> new OpsInputException("no install to roll back in "
                    + store.dir() + " (pass --backup.dir if they are elsewhere; to list them: quantum-safety ops backups "
                    + ShellWords.flag("--backup.dir", store.dir().toString()) + ")"));
            return List.of(latest);
        }
        String id = Path.of(request.to().get()).getFileName().toString().replaceFirst("\\.json$", "");
        int index = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id) || all.get(i).id().equals("install_" + id)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new OpsInputException("--to " + request.to().get() + ": no such install or backup file in " + store.dir()
                    + "; to list them: quantum-safety ops backups " + ShellWords.flag("--backup.dir", store.dir().toString()));
        }
        if (!all.get(index).active()) {
            throw new OpsInputException("--to " + id + " was already rolled back at " + all.get(index).rolledBackAt());
        }
        List<Manifest> chosen = new ArrayList<>(all.subList(index, all.size()).stream().filter(Manifest::active).toList());
        chosen.sort(Comparator.comparing(all::indexOf).reversed());
        return chosen;
    }

    /**
     * Undoing {@code newestFirst}: the oldest install's backup of a file wins, since it holds the file as it was
     * before all of them. {@code checkDrift}: refuse files edited since the install unless forced.
     */
    Prepared undo(List<Manifest> newestFirst, boolean checkDrift) {
        Map<Path, Restoration> files = new LinkedHashMap<>();
        Map<Path, FileChange> newest = new LinkedHashMap<>();
        List<Path> createdDirs = new ArrayList<>();
        for (Manifest manifest : newestFirst) {
            for (FileChange change : manifest.files()) {
                Path path = Path.of(change.path());
                newest.putIfAbsent(path, change);
                boolean created = change.action() == FileAction.CREATED;
                files.put(path, new Restoration(path, FileKind.parse(change.kind()),
                        created ? Optional.empty() : Optional.of(readBackup(change)),
                        created ? null : Path.of(change.backup())));
            }
            manifest.createdDirectories().forEach(d -> createdDirs.add(Path.of(d)));
        }
        List<Path> drifted = checkDrift ? drift(newest) : List.of();
        if (!drifted.isEmpty() && !request.force()) {
            throw new OpsInputException("changed since the install: " + drifted + "; a rollback would discard "
                    + "those edits. Re-run with --force to roll back anyway (the edited files are backed up first)");
        }
        // prometheus.yml first, so it no longer names rule files that are about to be deleted.
        List<Restoration> ordered = new ArrayList<>(files.values());
        ordered.sort(Comparator.comparing((Restoration r) -> !r.path().equals(request.configPath())));
        createdDirs.sort(Comparator.comparing(Path::getNameCount).reversed());
        Services services = services(newestFirst);
        return new Prepared(describe(newestFirst.stream().map(Manifest::id).toList(), ordered, drifted, createdDirs,
                services), newestFirst, ordered, BackupWritten.Reason.EDITED_SINCE_INSTALL, services);
    }

    /** Putting one backup file back over the file it was taken of, which is kept as a backup of its own first. */
    Prepared restore(Path backup, Path original) {
        FileKind kind = original.equals(request.configPath()) ? FileKind.PROMETHEUS_CONFIG : null;
        Restoration file = new Restoration(original, kind, Optional.of(readBytes(backup)), backup);
        List<Path> keep = Files.exists(original) ? List.of(original) : List.of();
        Services services = services(List.of());
        return new Prepared(describe(List.of(), List.of(file), keep, List.of(), services), List.of(), List.of(file),
                BackupWritten.Reason.BEFORE_RESTORE, services);
    }

    Services services(List<Manifest> newestFirst) {
        String prometheus = request.prometheusUrl().or(() -> newestFirst.stream().map(m -> m.setup().prometheusUrl())
                .filter(Objects::nonNull).findFirst()).orElse(RollbackRequest.DEFAULT_PROMETHEUS_URL);
        Optional<String> alertmanager = request.alertmanagerUrl().or(() -> newestFirst.stream()
                .map(m -> m.setup().alertmanagerUrl()).filter(Objects::nonNull).findFirst());
        return new Services(Http.requireBaseUrl("--prometheus.url", prometheus),
                alertmanager.map(u -> Http.requireBaseUrl("--alertmanager.url", u)));
    }

    private RollbackPlan describe(List<String> ids, List<Restoration> files, List<Path> backUp, List<Path> dirs,
                                  Services services) {
        List<FileStep> steps = files.stream().map(f -> new FileStep(f.kind(), f.path(),
                f.content().isPresent() ? FileStep.Action.RESTORE : FileStep.Action.DELETE, f.from(), List.of(),
                Diffs.unified(f.path(), current(f.path()), f.content()))).toList();
        boolean alertmanager = files.stream().anyMatch(f -> f.kind() != null && f.kind().alertmanager());
        List<PlannedReload> reloads = new ArrayList<>(List.of(new PlannedReload(Service.PROMETHEUS,
                request.reload() ? "POST " + services.prometheusUrl() + "/-/reload" : ReloadStep.MANUAL_RELOAD)));
        List<String> checks = new ArrayList<>(List.of("our job present exactly when the restored prometheus.yml has it",
                "our rule groups loaded exactly when the restored prometheus.yml names them"));
        if (alertmanager) {
            reloads.add(new PlannedReload(Service.ALERTMANAGER, services.alertmanagerUrl().filter(u -> request.reload())
                    .map(u -> "POST " + u + "/-/reload").orElse(ReloadStep.MANUAL_ALERTMANAGER_RELOAD)));
            services.alertmanagerUrl().ifPresent(u -> checks.add("Alertmanager runs the receivers of the restored config"));
        }
        PlannedVerification verification = request.reload() && request.verify()
                ? new PlannedVerification(checks, request.verifyTimeout().toSeconds(), false) : null;
        return new RollbackPlan(ids, steps, backUp, dirs, reloads, verification);
    }

    private static List<Path> drift(Map<Path, FileChange> newest) {
        List<Path> drifted = new ArrayList<>();
        for (Map.Entry<Path, FileChange> entry : newest.entrySet()) {
            Optional<byte[]> now = Files.exists(entry.getKey()) ? Optional.of(readBytes(entry.getKey())) : Optional.empty();
            String hash = now.map(AtomicFiles::sha256).orElse(null);
            // The "before" state is accepted too: an install that died half-way left some files untouched.
            boolean known = Objects.equals(hash, entry.getValue().sha256After())
                    || Objects.equals(hash, entry.getValue().sha256Before());
            if (!known && now.isPresent()) {
                drifted.add(entry.getKey());
            }
        }
        return drifted;
    }

    private static byte[] readBackup(FileChange change) {
        Path backup = Path.of(change.backup());
        if (!Files.isRegularFile(backup)) {
            throw new OpsInputException("backup " + backup + " of " + change.path() + " is missing; restore it from "
                    + "your own backups, or roll back that file by hand");
        }
        byte[] content = readBytes(backup);
        if (!AtomicFiles.sha256(content).equals(change.sha256Before())) {
            throw new OpsInputException("backup " + backup + " no longer matches the sha256 recorded at install time; "
                    + "it was edited, so it is not restored. Check it and restore by hand");
        }
        return content;
    }

    private static Optional<byte[]> current(Path path) {
        return Files.isRegularFile(path) ? Optional.of(readBytes(path)) : Optional.empty();
    }

    static byte[] readBytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
