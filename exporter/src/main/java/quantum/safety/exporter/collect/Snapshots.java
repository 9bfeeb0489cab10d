package quantum.safety.exporter.collect;

import java.util.Map;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;

/** Short builders for the snapshot shapes the collectors produce. */
public final class Snapshots {

    private Snapshots() {
    }

    public static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    public static GaugeSnapshot gaugeSeconds(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).unit(Unit.SECONDS)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    /** One gauge series per label value, e.g. {@code {reason="…"}}. */
    public static GaugeSnapshot gaugeByLabel(String name, String help, String label, Map<String, ? extends Number> values) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((value, number) -> builder.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of(label, value)).value(number.doubleValue()).build()));
        return builder.build();
    }

    /** A counter; {@code name} is without {@code _total}, which the exposition adds. */
    public static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    public static CounterSnapshot counterByLabel(String name, String help, String label, Map<String, ? extends Number> values) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        values.forEach((value, number) -> builder.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of(label, value)).value(number.doubleValue()).build()));
        return builder.build();
    }

    /**
     * An info family (value 1); {@code name} is without {@code _info}, which the exposition adds, so the exposed name
     * never ends in {@code _info_info}.
     */
    public static InfoSnapshot info(String name, String help, Labels labels) {
        return InfoSnapshot.builder().name(name).help(help)
                .dataPoint(InfoDataPointSnapshot.builder().labels(labels).build()).build();
    }
}
