package quantum.safety.ops.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ops rollback} will do: the installs it undoes, newest first (empty for a one-file restore), every file
 * it restores from a backup or deletes (with the diff from now to then), the files it backs up first because they
 * were edited since (or, for a one-file restore, the file it replaces), the folders it removes when they end up
 * empty, the reloads and the check of the restored state (null without a reload).
 */
public record RollbackPlan(List<String> installIds, List<FileStep> files, List<Path> backUp,
                           List<Path> removeDirectoriesIfEmpty, List<PlannedReload> reloads,
                           PlannedVerification verification) {

    public RollbackPlan {
        installIds = List.copyOf(installIds);
        files = List.copyOf(files);
        backUp = List.copyOf(backUp);
        removeDirectoriesIfEmpty = List.copyOf(removeDirectoriesIfEmpty);
        reloads = List.copyOf(reloads);
    }
}
