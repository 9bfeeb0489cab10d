package quantum.safety.exporter.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import quantum.safety.exporter.collect.Deadline;
import quantum.safety.state.SafetyStatus;

/**
 * One run of every collector, shared by every scrape and status page load that arrives while it runs. Collectors
 * publish their results as they finish, so a scrape whose deadline passes takes what is finished and reports the rest
 * as failed; the status page's {@link SafetyStatus} is published last, from the same read.
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
    private volatile SafetyStatus status;

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

    /** Publishes what the status page shows: the records of this collection's read, or why Redis could not be read. */
    public void status(SafetyStatus status) {
        this.status = status;
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
        return new View(redis, results, complete, Optional.ofNullable(status));
    }

    /**
     * What a scrape reports.
     *
     * @param status what the status page shows; empty until the whole read is finished
     */
    public record View(RedisState redis, List<CollectorResult> results, boolean complete, Optional<SafetyStatus> status) {

        public View {
            results = List.copyOf(results);
        }

        public boolean redisUp() {
            return redis == RedisState.ANSWERED;
        }
    }
}
