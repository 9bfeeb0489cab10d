package quantum.safety.exporter.scrape;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import quantum.safety.exporter.collect.Deadline;

/**
 * Single-flight collection with a deadline per scrape.
 *
 * <p>A scrape starts a collection unless one is already running, in which case it shares it: Redis sees one collection
 * however many scrapers (Prometheus pairs, the status page, a curl) ask at once. Each scrape waits for the collection
 * until its own deadline and answers with what is finished then. The collection runs on its own thread because a Redis
 * call cannot be interrupted; it ends by itself within the Redis timeouts.
 *
 * <p>Deadlines and collector durations are read on one nano clock, {@link System#nanoTime()} unless a test passes its
 * own (the same type {@code Backoff} takes).
 */
public final class ScrapeCoordinator implements AutoCloseable {

    private final CollectionTask task;
    private final ScrapeStats stats;
    private final LongSupplier nanoTime;
    private final ExecutorService executor;
    private CollectionRun inFlight;
    private int joined;

    public ScrapeCoordinator(CollectionTask task, ScrapeStats stats) {
        this(task, stats, System::nanoTime);
    }

    public ScrapeCoordinator(CollectionTask task, ScrapeStats stats, LongSupplier nanoTime) {
        this.task = task;
        this.stats = stats;
        this.nanoTime = nanoTime;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(4), r -> {
            Thread thread = new Thread(r, "quantum-safety-collector");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The result of one scrape. */
    public record Result(CollectionRun.View view, boolean deadlineExceeded) {
    }

    public Result scrape(Duration budget) {
        Deadline deadline = Deadline.after(budget, nanoTime);
        CollectionRun collection = joinOrStart(deadline);
        boolean complete = collection.await(deadline);
        if (!complete) {
            stats.deadlineExceeded.incrementAndGet();
        }
        return new Result(collection.view(), !complete);
    }

    /** Collections started so far (for tests of the single flight). */
    public long collectionsStarted() {
        return stats.collections();
    }

    /**
     * Scrapes and status page loads that have taken the collection in flight, the one that started it included (for
     * tests of the single flight: once every scrape has joined, releasing the collection answers them all).
     */
    public synchronized int scrapesJoined() {
        return inFlight == null || inFlight.isDone() ? 0 : joined;
    }

    private synchronized CollectionRun joinOrStart(Deadline deadline) {
        if (inFlight != null && !inFlight.isDone()) {
            joined++;
            return inFlight;
        }
        CollectionRun collection = new CollectionRun(task.collectorNames(), nanoTime);
        try {
            executor.execute(() -> task.run(collection, deadline));
            inFlight = collection;
            joined = 1;
            stats.collections.incrementAndGet();
        } catch (RejectedExecutionException e) {
            // Shutting down (or the previous collection's thread is still unwinding): nothing is collected.
            collection.redisFailed();
            collection.complete();
        }
        return collection;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
