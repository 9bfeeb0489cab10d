package quantum.safety.archive;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The archive's own metrics, {@code quantum_safety_archive_*}: what the archiver counted and last saw, exposed on
 * scrape. Every series exists from the start (0), so alerts on {@code increase()} see the first event.
 */
public final class ArchiveMetrics implements MultiCollector {

    /** Where an error happened, the {@code stage} label. */
    public enum Stage { REDIS, POSTGRES }

    private static final String PREFIX = "quantum_safety_archive_";
    /** A lag that cannot be known; its series is left out. */
    private static final long UNKNOWN = -1;

    private final String version;
    private final Map<ArchiveStream, AtomicLong> events = perStream();
    private final Map<ArchiveStream, AtomicLong> invalid = perStream();
    private final Map<ArchiveStream, AtomicLong> gaps = perStream();
    private final Map<ArchiveStream, AtomicLong> gapEvents = perStream();
    /** Unknown until the first read of the stream: a lag of 0 before anything was read would look caught up. */
    private final Map<ArchiveStream, AtomicLong> lagEvents = perStream(UNKNOWN);
    private final Map<ArchiveStream, AtomicLong> lagMillis = perStream(UNKNOWN);
    /** Millis of the newest archived id; -1 while nothing is known (the series is left out then). */
    private final Map<ArchiveStream, AtomicLong> lastArchivedMillis = perStream(-1);
    private final Map<Stage, AtomicLong> errors = new EnumMap<>(Stage.class);
    private volatile boolean redisUp;
    private volatile boolean postgresUp;

    public ArchiveMetrics(String version) {
        this.version = version;
        for (Stage stage : Stage.values()) {
            errors.put(stage, new AtomicLong());
        }
    }

    void committed(ArchiveStream stream, long added, long invalidAdded) {
        events.get(stream).addAndGet(added);
        invalid.get(stream).addAndGet(invalidAdded);
    }

    void gap(ArchiveStream stream, long lostEvents) {
        gaps.get(stream).incrementAndGet();
        gapEvents.get(stream).addAndGet(lostEvents);
    }

    void lag(ArchiveStream stream, long entries, long millis) {
        lagEvents.get(stream).set(entries);
        lagMillis.get(stream).set(Math.max(0, millis));
    }

    /**
     * The stream's lag cannot be read (its key is not a stream, or Redis did not answer): both lag series are left out
     * until it can, since 0 would read as caught up; {@code errors_total{stage="redis"}} and its alert say why.
     */
    void lagUnknown(ArchiveStream stream) {
        lagEvents.get(stream).set(UNKNOWN);
        lagMillis.get(stream).set(UNKNOWN);
    }

    void lastArchived(ArchiveStream stream, StreamId id) {
        lastArchivedMillis.get(stream).accumulateAndGet(id.millis(), Math::max);
    }

    void error(Stage stage) {
        errors.get(stage).incrementAndGet();
    }

    void redisUp(boolean up) {
        redisUp = up;
    }

    void postgresUp(boolean up) {
        postgresUp = up;
    }

    public boolean redisUp() {
        return redisUp;
    }

    public boolean postgresUp() {
        return postgresUp;
    }

    /** Events committed so far from the stream, as {@code quantum_safety_archive_events_total} says. */
    public long events(ArchiveStream stream) {
        return events.get(stream).get();
    }

    public long gapEvents(ArchiveStream stream) {
        return gapEvents.get(stream).get();
    }

    public long gaps(ArchiveStream stream) {
        return gaps.get(stream).get();
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        out.metricSnapshot(counter("events", "Stream entries committed to PostgreSQL.", events));
        out.metricSnapshot(gauge("lag_events", "Stream entries not archived yet.", lagEvents, 1));
        out.metricSnapshot(gauge("lag_seconds", "Age of the oldest stream entry not archived yet; 0 when caught up.",
                lagMillis, 1000));
        out.metricSnapshot(counter("gaps", "Gaps detected: entries trimmed from the stream before they were archived.",
                gaps));
        out.metricSnapshot(counter("gap_events", "Entries known lost in gaps (exact on Redis 7, 0 when unknown).",
                gapEvents));
        out.metricSnapshot(counter("invalid_events", "Entries that did not decode as their stream's event, stored raw.",
                invalid));
        CounterSnapshot.Builder errorCounter = CounterSnapshot.builder().name(PREFIX + "errors")
                .help("Failed calls to Redis or PostgreSQL, each retried.");
        errors.forEach((stage, n) -> errorCounter.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("stage", stage.name().toLowerCase(java.util.Locale.ROOT))).value(n.get()).build()));
        out.metricSnapshot(errorCounter.build());
        out.metricSnapshot(single("redis_up", "Whether the last Redis call succeeded.", redisUp ? 1 : 0));
        out.metricSnapshot(single("postgres_up", "Whether the last PostgreSQL call succeeded.", postgresUp ? 1 : 0));
        GaugeSnapshot.Builder last = GaugeSnapshot.builder().name(PREFIX + "last_archived_timestamp_seconds")
                .help("Time of the newest archived entry (its stream id), unix seconds.");
        lastArchivedMillis.forEach((stream, millis) -> {
            if (millis.get() >= 0) {
                last.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("stream", stream.label()))
                        .value(millis.get() / 1000.0).build());
            }
        });
        out.metricSnapshot(last.build());
        out.metricSnapshot(GaugeSnapshot.builder().name(PREFIX + "build_info").help("The archive's version; always 1.")
                .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("version", version)).value(1).build())
                .build());
        return out.build();
    }

    private static CounterSnapshot counter(String name, String help, Map<ArchiveStream, AtomicLong> values) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(PREFIX + name).help(help);
        values.forEach((stream, n) -> counter.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("stream", stream.label())).value(n.get()).build()));
        return counter.build();
    }

    private static GaugeSnapshot gauge(String name, String help, Map<ArchiveStream, AtomicLong> values, double per) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(PREFIX + name).help(help);
        values.forEach((stream, n) -> {
            if (n.get() != UNKNOWN) {
                gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("stream", stream.label()))
                        .value(n.get() / per).build());
            }
        });
        return gauge.build();
    }

    private static GaugeSnapshot single(String name, String help, double value) {
        return GaugeSnapshot.builder().name(PREFIX + name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static Map<ArchiveStream, AtomicLong> perStream() {
        return perStream(0);
    }

    private static Map<ArchiveStream, AtomicLong> perStream(long initial) {
        Map<ArchiveStream, AtomicLong> map = new EnumMap<>(ArchiveStream.class);
        for (ArchiveStream stream : ArchiveStream.values()) {
            map.put(stream, new AtomicLong(initial));
        }
        return map;
    }
}
