package quantum.safety.reliability;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scrapes {@code /metrics} at a fixed rate, like a hurried Prometheus, and counts answers: HTTP status other than
 * 200 (must stay 0), scrapes that saw {@code quantum_safety_redis_up 0}, and when Redis was last seen up.
 */
final class ScrapeLoop implements AutoCloseable {

    private final String url;
    private final ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();
    private final Recovery recovery = new Recovery();
    private final AtomicLong scrapes = new AtomicLong();
    private final AtomicLong non200 = new AtomicLong();
    private final AtomicLong redisDown = new AtomicLong();
    private final AtomicLong lastUpNanos = new AtomicLong();

    ScrapeLoop(String url, long periodMillis) {
        this.url = url;
        pool.scheduleAtFixedRate(this::scrapeOnce, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void scrapeOnce() {
        try {
            Web.Answer answer = Web.get(url);
            scrapes.incrementAndGet();
            if (answer.status() != 200) {
                non200.incrementAndGet();
                return;
            }
            if (Metrics.parse(answer.body()).value("quantum_safety_redis_up") == 1) {
                lastUpNanos.set(System.nanoTime());
                recovery.success(System.nanoTime());
            } else {
                redisDown.incrementAndGet();
            }
        } catch (RuntimeException e) {
            scrapes.incrementAndGet();
            non200.incrementAndGet();
        }
    }

    long scrapes() {
        return scrapes.get();
    }

    /** Scrapes that failed outright (no answer or not 200): the exporter promises none. */
    long failed() {
        return non200.get();
    }

    /** Scrapes answered with redis_up 0: the outage made visible. */
    long redisDown() {
        return redisDown.get();
    }

    long lastUpNanos() {
        return lastUpNanos.get();
    }

    /** Marks the moment after which the first success counts as recovery. */
    Recovery recovery() {
        return recovery;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
