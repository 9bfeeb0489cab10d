package quantum.safety.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.ops.backup.AtomicFiles;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.FileAction;
import quantum.safety.ops.backup.FileChange;
import quantum.safety.ops.backup.Manifest;
import quantum.safety.ops.backup.ManifestStore;
import quantum.safety.ops.prometheus.PrometheusApi;
import quantum.safety.ops.validate.Amtool;
import quantum.safety.ops.validate.Promtool;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Verifier;

/**
 * Puts files back as they were before one or more installs: backups restored byte for byte, files the installs
 * created deleted, the result validated with promtool before it goes live, Prometheus reloaded, and the live state
 * checked against the restored files.
 */
public final class Rollback {

    private final RollbackRequest request;
    private final PrintWriter out;
    private final Http http = Http.withDefaults();

    public Rollback(RollbackRequest request, PrintWriter out) {
        this.request = request;
        this.out = out;
    }

    public OpsResult run() {
        Path config = request.configPath();
        Planner.requireFile("--prometheus.config", config, "point it at the prometheus.yml Prometheus runs with");
        ManifestStore store = new ManifestStore(request.backupDir().orElse(ManifestStore.defaultDirFor(config)));
        if (request.to().isPresent()) {
            Path asFile = Path.of(request.to().get());
            if (Files.isRegularFile(asFile) && BackupStamp.isBackupName(asFile.getFileName().toString())) {
                return restoreSingle(asFile.toAbsolutePath().normalize());
            }
        }
        List<Manifest> chosen = choose(store);
        out.println("rollback: " + chosen.stream().map(Manifest::id).toList() + " (newest first) from " + store.dir());
        return undo(chosen, store, true, "rolled back");
    }

    /** Used by install when its own verification failed: no drift check, the files are the ones it just wrote. */
    OpsResult undoInstall(Manifest manifest, ManifestStore store, String reason) {
        out.println("rollback: " + reason + "; undoing " + manifest.id());
        return undo(List.of(manifest), store, false, "files restored");
    }

    private List<Manifest> choose(ManifestStore store) {
        List<Manifest> all = store.list();
        if (request.to().isEmpty()) {
            Manifest latest = store.latestActive().orElseThrow(() -> new OpsInputException("no install to roll back in "
                    + store.dir() + " ('quantum-safety ops backups' lists them; pass --backup.dir if they are elsewhere)"));
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
                    + "; 'quantum-safety ops backups' lists them");
        }
        if (!all.get(index).active()) {
            throw new OpsInputException("--to " + id + " was already rolled back at " + all.get(index).rolledBackAt());
        }
        List<Manifest> chosen = new ArrayList<>(all.subList(index, all.size()).stream().filter(Manifest::active).toList());
        chosen.sort(Comparator.comparing(all::indexOf).reversed());
        return chosen;
    }

    private OpsResult undo(List<Manifest> newestFirst, ManifestStore store, boolean checkDrift, String what) {
        Map<Path, Optional<byte[]>> target = new LinkedHashMap<>();
        Map<Path, FileChange> newest = new LinkedHashMap<>();
        Map<Path, String> kinds = new LinkedHashMap<>();
        List<Path> createdDirs = new ArrayList<>();
        for (Manifest manifest : newestFirst) {
            for (FileChange change : manifest.files()) {
                Path path = Path.of(change.path());
                newest.putIfAbsent(path, change);
                kinds.put(path, change.kind());
                target.put(path, change.action() == FileAction.CREATED ? Optional.empty()
                        : Optional.of(readBackup(change)));
            }
            manifest.createdDirectories().forEach(d -> createdDirs.add(Path.of(d)));
        }
        Map<Path, byte[]> drifted = checkDrift ? drift(newest) : Map.of();
        if (!drifted.isEmpty() && !request.force()) {
            throw new OpsInputException("changed since the install: " + drifted.keySet() + "; a rollback would discard "
                    + "those edits. Re-run with --force to roll back anyway (the edited files are backed up first)");
        }
        Path config = request.configPath();
        validate(target, config, kinds);
        String plan = describe(target);
        out.print(plan);
        if (!request.confirm().test(plan)) {
            return OpsResult.failed("rollback aborted; nothing changed");
        }
        BackupStamp stamp = BackupStamp.now("rollback", request.clock());
        try {
            for (Map.Entry<Path, byte[]> edited : drifted.entrySet()) {
                Path backup = stamp.backupPathFor(edited.getKey());
                AtomicFiles.backup(edited.getKey(), backup);
                out.println("backup:  " + backup + " (your edits since the install)");
            }
            // prometheus.yml first, so it no longer names rule files we are about to delete.
            List<Path> order = new ArrayList<>(target.keySet());
            order.sort(Comparator.comparing((Path p) -> !p.equals(config)));
            for (Path path : order) {
                Optional<byte[]> content = target.get(path);
                if (content.isPresent()) {
                    AtomicFiles.write(path, content.get());
                    out.println("restore: " + path + " (" + content.get().length + " bytes, sha256 "
                            + AtomicFiles.sha256(content.get()).substring(0, 12) + ")");
                } else if (Files.deleteIfExists(path)) {
                    out.println("delete:  " + path + " (created by the install)");
                }
            }
            createdDirs.sort(Comparator.comparing(Path::getNameCount).reversed());
            for (Path dir : createdDirs) {
                if (Files.isDirectory(dir) && isEmpty(dir)) {
                    Files.delete(dir);
                    out.println("delete:  " + dir + "/ (created by the install, now empty)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rollback stopped half-way at " + e.getMessage()
                    + "; re-run 'quantum-safety ops rollback' once the cause is fixed", e);
        }
        String when = LocalDateTime.now(request.clock()).withNano(0).toString();
        newestFirst.forEach(m -> store.save(m.rolledBack(when)));
        return reloadAndCheck(config, kinds.entrySet().stream().filter(e -> isKind(e.getValue(), PlannedFile.Kind.RULES))
                .map(Map.Entry::getKey).toList(), what);
    }

    private OpsResult restoreSingle(Path backup) {
        Path original = BackupStamp.originalOf(backup).orElseThrow();
        byte[] content = readBytes(backup);
        Path config = request.configPath();
        Map<Path, Optional<byte[]>> target = Map.of(original, Optional.of(content));
        validate(target, config, Map.of());
        out.print(describe(target));
        if (!request.confirm().test(describe(target))) {
            return OpsResult.failed("rollback aborted; nothing changed");
        }
        try {
            if (Files.exists(original)) {
                Path safety = BackupStamp.now("rollback", request.clock()).backupPathFor(original);
                AtomicFiles.backup(original, safety);
                out.println("backup:  " + safety + " (the file as it was before this rollback)");
            }
            AtomicFiles.write(original, content);
            out.println("restore: " + original + " from " + backup.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + original + ": " + e.getMessage(), e);
        }
        return reloadAndCheck(config, List.of(), "restored " + original.getFileName() + " from " + backup.getFileName());
    }

    private OpsResult reloadAndCheck(Path config, List<Path> ruleFiles, String what) {
        if (!request.reload()) {
            out.println("reload:  skipped (--no-reload); reload Prometheus yourself: " + ReloadStep.MANUAL_RELOAD);
            return OpsResult.ok(what + "; Prometheus not reloaded");
        }
        PrometheusApi prometheus = new PrometheusApi(request.prometheusUrl(), http);
        PrometheusApi.ReloadResult reload = ReloadStep.reload(prometheus, out);
        if (!ReloadStep.reloaded(reload)) {
            return new OpsResult(reload.outcome() == PrometheusApi.ReloadOutcome.LIFECYCLE_DISABLED ? 0 : 1,
                    what + "; files restored, but Prometheus did not reload: it reads them on its next reload or start");
        }
        if (!request.verify()) {
            return OpsResult.ok(what);
        }
        out.println("verify:  Prometheus runs the restored files");
        List<CheckResult> results = StateCheck.await(prometheus, config, ruleFiles, request.verifyTimeout());
        Printing.results(out, results);
        return Verifier.passed(results) ? OpsResult.ok(what + "; Prometheus runs the restored files")
                : OpsResult.failed(what + ", but Prometheus does not run the restored files yet: " + Printing.failedNames(results));
    }

    private void validate(Map<Path, Optional<byte[]>> target, Path config, Map<Path, String> kinds) {
        Map<Path, byte[]> candidates = new LinkedHashMap<>();
        target.forEach((path, content) -> content.ifPresent(c -> candidates.put(path, c)));
        List<Path> rules = candidates.keySet().stream()
                .filter(p -> isKind(kinds.get(p), PlannedFile.Kind.RULES)).toList();
        Optional<Path> am = candidates.keySet().stream()
                .filter(p -> isKind(kinds.get(p), PlannedFile.Kind.ALERTMANAGER_CONFIG)).findFirst();
        Optional<Amtool> amtool = Optional.empty();
        if (am.isPresent()) {
            try {
                amtool = Optional.of(Amtool.locate(request.amtool()));
            } catch (OpsInputException e) {
                out.println("  skip    amtool not found: the restored " + am.get() + " is not checked");
                am = Optional.empty();
            }
        }
        out.println("validate:");
        new StagedValidation(Promtool.locate(request.promtool()), amtool, out)
                .validate(candidates, config, rules, am);
    }

    private static boolean isKind(String kind, PlannedFile.Kind wanted) {
        return wanted.name().equals(kind);
    }

    private Map<Path, byte[]> drift(Map<Path, FileChange> newest) {
        Map<Path, byte[]> drifted = new LinkedHashMap<>();
        for (Map.Entry<Path, FileChange> entry : newest.entrySet()) {
            Path path = entry.getKey();
            FileChange change = entry.getValue();
            String now = Files.exists(path) ? AtomicFiles.sha256(readBytes(path)) : null;
            // The "before" state is accepted too: an install that died half-way left some files untouched.
            boolean known = java.util.Objects.equals(now, change.sha256After())
                    || java.util.Objects.equals(now, change.sha256Before());
            if (!known && now != null) {
                drifted.put(path, readBytes(path));
            }
        }
        return drifted;
    }

    private static String describe(Map<Path, Optional<byte[]>> target) {
        StringBuilder plan = new StringBuilder("plan:\n");
        target.forEach((path, content) -> plan.append(content.isPresent() ? "  restore " : "  delete  ").append(path)
                .append('\n'));
        return plan.toString();
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

    private static byte[] readBytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
