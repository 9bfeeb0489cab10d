package quantum.safety.exporter.scrape;

import java.util.List;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * What one collector delivered in one collection.
 *
 * @param durationSeconds from the start of the collection until this collector finished (or until the scrape stopped
 *                        waiting for it)
 */
public record CollectorResult(String collector, boolean success, double durationSeconds, List<MetricSnapshot> snapshots) {

    public CollectorResult {
        snapshots = List.copyOf(snapshots);
    }

    static CollectorResult unfinished(String collector, double elapsedSeconds) {
        return new CollectorResult(collector, false, elapsedSeconds, List.of());
    }
}
