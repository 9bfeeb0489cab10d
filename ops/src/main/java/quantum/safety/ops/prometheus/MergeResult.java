package quantum.safety.ops.prometheus;

import java.util.List;

/** The candidate prometheus.yml text and, in words, what differs from the original (empty: nothing to do). */
public record MergeResult(String text, List<String> changes) {

    public MergeResult {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
