package quantum.safety.ops.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * One file a plan touches: what it is ({@code kind}, null when unknown, e.g. a loose backup), what happens to it,
 * where its new content comes from when that is a backup ({@code from}, else null), the change in words, and the
 * change as a unified diff (empty when the file is kept).
 */
public record FileStep(FileKind kind, Path path, Action action, Path from, List<String> changes, String diff) {

    /** What happens to the file. */
    public enum Action { CREATE, MODIFY, KEEP, RESTORE, DELETE }

    public FileStep {
        changes = List.copyOf(changes);
    }

    /** True unless the file stays as it is. */
    public boolean touches() {
        return action != Action.KEEP;
    }
}
