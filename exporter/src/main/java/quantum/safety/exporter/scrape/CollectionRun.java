package quantum.safety.exporter.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import quantum.safety.exporter.collect.Deadline;

/**
 * One run of every collector, shared by every scrape that arrives while it runs. Collectors publish their results as
 * they finish, so a scrape whose deadline passes takes what is finished and reports the rest as failed.
 *
 * <p>Durations are read on the nano clock it is given ({@link System#nanoTime()} unless a test passes its own).
 */
public final class CollectionRun {

    /** Whether Redis answered this collection's calls. */
    public enum RedisState { PENDING, ANSWERED, FAILED }

    /**
     * The longest a waiting scrape sleeps before it reads its deadline's clock again: the deadline, not the latch's
     * own timer, decides when a scrape stops waiting, so that a test's clock governs the wait.
     */
    static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final List<String> collectors;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final Map<String, CollectorResult> finished = new ConcurrentHashMap<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RedisState redis = RedisState.PENDING;

    public CollectionRun(List<String> collectors) {
        this(collectors, System::nanoTime);
    }

    public CollectionRun(List<String> collectors, LongSupplier nanoTime) {
        this.collectors = List.copyOf(collectors);
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    public void redisAnswered() {
        if (redis == RedisState.PENDING) {
            redis = RedisState.ANSWERED;
        }
    }

    public void redisFailed() {
        redis = RedisState.FAILED;
    }

    public void finished(CollectorResult result) {
        finished.put(result.collector(), result);
    }

    /** Marks the collection complete; every waiting scrape wakes up. */
    public void complete() {
        done.countDown();
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits until the collection is complete or the deadline passes; true when complete. */
    public boolean await(Deadline deadline) {
        try {
            while (true) {
                long left = deadline.remaining().toNanos();
                if (left <= 0) {
                    return isDone();
                }
                if (done.await(Math.min(left, RECHECK_NANOS), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isDone();
        }
    }

    public double elapsedSeconds() {
        return (nanoTime.getAsLong() - startNanos) / 1e9;
    }

    /** An immutable view of what is finished now; unfinished collectors are failed with their elapsed time. */
    public View view() {
        boolean complete = isDone();
        double elapsed = elapsedSeconds();
        List<CollectorResult> results = new ArrayList<>();
        for (String name : collectors) {
            CollectorResult result = finished.get(name);
            results.add(result != null ? result : CollectorResult.unfinished(name, elapsed));
        }
        return new View(redis, results, complete);
    }

    /** What a scrape reports. */
    public record View(RedisState redis, List<CollectorResult> results, boolean complete) {

        public View {
            results = List.copyOf(results);
        }

        public boolean redisUp() {
            return redis == RedisState.ANSWERED;
        }

        /** The value of an unlabelled gauge some collector produced, for the landing page. */
        public OptionalDouble gauge(String name) {
            for (CollectorResult result : results) {
                for (MetricSnapshot snapshot : result.snapshots()) {
                    if (snapshot instanceof GaugeSnapshot gauge && snapshot.getMetadata().getName().equals(name)
                            && gauge.getDataPoints().size() == 1) {
                        return OptionalDouble.of(gauge.getDataPoints().get(0).getValue());
                    }
                }
            }
            return OptionalDouble.empty();
        }

        /** The label value of the series at 1 in a state-set gauge such as {@code quantum_safety_execution_mode}. */
        public Optional<String> state(String name, String label) {
            for (CollectorResult result : results) {
                for (MetricSnapshot snapshot : result.snapshots()) {
                    if (snapshot instanceof GaugeSnapshot gauge && snapshot.getMetadata().getName().equals(name)) {
                        return gauge.getDataPoints().stream().filter(p -> p.getValue() == 1)
                                .map(p -> p.getLabels().get(label)).findFirst();
                    }
                }
            }
            return Optional.empty();
        }
    }
}
