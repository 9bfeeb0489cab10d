package quantum.safety.exporter.collect;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * What a collector produced: the snapshots it could build, and the problems (bad data, an unfinished read) that make
 * its {@code quantum_safety_collector_success} 0. A family is left out rather than exported with a wrong value.
 */
public final class CollectorOutput {

    private final List<MetricSnapshot> snapshots = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    public void add(MetricSnapshot snapshot) {
        snapshots.add(snapshot);
    }

    /** Records a problem; the message names the key and what was wrong, never a value that could be a secret. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Records the problems a reader found in the data this collector shows. */
    public void problems(List<String> messages) {
        problems.addAll(messages);
    }

    /**
     * Records bad data the collector worked around without leaving anything out (a label value replaced): logged,
     * but the collector still succeeds.
     */
    public void notice(String message) {
        notices.add(message);
    }

    public List<String> notices() {
        return List.copyOf(notices);
    }

    public List<MetricSnapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
