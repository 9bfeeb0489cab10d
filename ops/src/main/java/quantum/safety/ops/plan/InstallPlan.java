package quantum.safety.ops.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ops install} will do (or, in a dry run, would do): every file of the bundle (created, modified or kept,
 * with its diff), the folders it creates, the files it backs up first (next to themselves, recorded in a manifest in
 * {@code manifestDir}), the reloads, and the verification (null with {@code --no-reload} or {@code --no-verify}).
 */
public record InstallPlan(Path prometheusConfig, List<FileStep> files, List<Path> createDirectories, List<Path> backUp,
                          Path manifestDir, List<PlannedReload> reloads, PlannedVerification verification) {

    public InstallPlan {
        files = List.copyOf(files);
        createDirectories = List.copyOf(createDirectories);
        backUp = List.copyOf(backUp);
        reloads = List.copyOf(reloads);
    }

    /** The files that change, in write order. */
    public List<FileStep> toChange() {
        return files.stream().filter(FileStep::touches).toList();
    }

    /** The unified diff of every file that changes, as {@code diff -u} prints it. */
    public String diff() {
        StringBuilder all = new StringBuilder();
        toChange().forEach(f -> all.append(f.diff()));
        return all.toString();
    }
}
