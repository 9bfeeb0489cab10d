package quantum.safety.ops.prometheus;

import java.util.List;

/**
 * The candidate prometheus.yml text and, in words, what differs from the original (empty: nothing to do) and what
 * was left as it is although the request named it ({@code notes}, e.g. a job to leave out that no install added).
 */
public record MergeResult(String text, List<String> changes, List<String> notes) {

    public MergeResult {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
