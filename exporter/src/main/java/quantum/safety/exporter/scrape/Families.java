package quantum.safety.exporter.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * Joins gauge families that more than one collector adds to into one family, so that each name has one HELP and
 * TYPE in the exposition. {@code quantum_safety_flag_unclear} is one: the SAFE MODE collector adds
 * {@code flag="safe_mode"} and the kill switch collector {@code flag="kill_switch"}, and when one of them misses the
 * deadline the other's series is still served.
 */
final class Families {

    private Families() {
    }

    static List<MetricSnapshot> merge(List<MetricSnapshot> snapshots) {
        Map<String, GaugeSnapshot> gauges = new LinkedHashMap<>();
        List<MetricSnapshot> others = new ArrayList<>();
        for (MetricSnapshot snapshot : snapshots) {
            if (snapshot instanceof GaugeSnapshot gauge) {
                gauges.merge(gauge.getMetadata().getPrometheusName(), gauge, Families::join);
            } else {
                others.add(snapshot);
            }
        }
        List<MetricSnapshot> merged = new ArrayList<>(gauges.values());
        merged.addAll(others);
        return merged;
    }

    /** The first family's name and help with the series of both; equal label sets are refused by the snapshot. */
    private static GaugeSnapshot join(GaugeSnapshot first, GaugeSnapshot second) {
        List<GaugeDataPointSnapshot> points = new ArrayList<>(first.getDataPoints());
        points.addAll(second.getDataPoints());
        return new GaugeSnapshot(first.getMetadata(), points);
    }
}
