package quantum.safety.state;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.kernel.log.RateLimitedLog;
import redis.clients.jedis.UnifiedJedis;

/**
 * The background thread of a {@link LegacySymbolIndex}: one walk of the keyspace per window when the index says it is
 * due, paced by {@link LegacySymbolIndex.Settings#pause()} after each SCAN call, on a client of its own (never the
 * reads' client, so that a walk never holds a scrape's connection).
 *
 * <p>A failed walk (Redis down, restarted, or refusing SCAN) is counted, logged at most once a minute, and retried after
 * a backoff of 1 s doubling up to a minute, on a client opened afresh. A walk that did not finish teaches the index the
 * symbols it saw but never counts as complete.
 */
final class LegacyIndexWalker {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyIndexWalker.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final LegacySymbolIndex index;
    private final Supplier<UnifiedJedis> opener;
    private final String head;
    private final LegacySymbolIndex.Settings settings;
    private final RateLimitedLog log = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong errors = new AtomicLong();
    private Thread thread;

    LegacyIndexWalker(LegacySymbolIndex index, Supplier<UnifiedJedis> opener, String head,
                      LegacySymbolIndex.Settings settings) {
        this.index = index;
        this.opener = opener;
        this.head = head;
        this.settings = settings;
    }

    synchronized void ensureRunning() {
        if (thread == null && closed.getCount() > 0) {
            thread = new Thread(this::run, LegacySymbolIndex.THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
    }

    synchronized boolean running() {
        return thread != null;
    }

    long errors() {
        return errors.get();
    }

    void close() {
        closed.countDown();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        UnifiedJedis client = null;
        int failures = 0;
        try {
            while (!stopsIdle()) {
                long wait = index.nanosUntilWalk();
                if (wait > 0) {
                    // Wake up at least once a minute to see whether reads still need the index.
                    if (closed.await(Math.min(wait, TimeUnit.MINUTES.toNanos(1)), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                    continue;
                }
                try {
                    if (client == null) {
                        client = opener.get();
                    }
                    walk(client);
                    failures = 0;
                } catch (RuntimeException e) {
                    failures++;
                    errors.incrementAndGet();
                    log.warn("walk", "the background walk for legacy symbol counters failed (" + errors.get()
                            + " failures so far); retrying in " + backoff(failures).toSeconds() + " s, and scrapes "
                            + "that cannot prove their top symbols meanwhile walk the keyspace themselves", e);
                    // A restarted or failed-over Redis leaves the client's connections broken.
                    closeQuietly(client);
                    client = null;
                    if (closed.await(backoff(failures).toNanos(), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts a pause or a wait; the thread ends
        } finally {
            closeQuietly(client);
            synchronized (this) {
                if (thread == Thread.currentThread()) {
                    thread = null;
                }
            }
        }
    }

    /** Ends the thread when no read needed the index lately; under the lock, so a read then starts a new one. */
    private boolean stopsIdle() {
        synchronized (this) {
            if (closed.getCount() == 0 || index.idle()) {
                thread = null;
                return true;
            }
            return false;
        }
    }

    private void walk(UnifiedJedis client) throws InterruptedException {
        long started = System.nanoTime();
        boolean complete = LegacyKeyWalk.walk(client, head, this::pause, index::discovered);
        if (complete) {
            index.completed(started);
        }
    }

    /** Paces a walk so that it never keeps Redis busy for long; false when the index is closing. */
    private boolean pause(Duration lastCall) throws InterruptedException {
        Duration pause = settings.pause().apply(lastCall);
        return !closed.await(pause.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Duration backoff(int failures) {
        Duration backoff = Duration.ofSeconds(1L << Math.min(failures - 1, 6));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static void closeQuietly(UnifiedJedis client) {
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // a broken client may fail to close; it is dropped either way
            }
        }
    }
}
