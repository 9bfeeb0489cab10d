package quantum.safety.exporter.redis;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Exponential backoff between connection attempts after a failure, so that a dead Redis is not dialled on every scrape
 * (nor by every concurrent probe). While it lasts, scrapes answer at once with {@code redis_up 0}.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final LongSupplier nanoTime;
    private long delayNanos;
    private long retryAtNanos;
    private boolean waiting;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, System::nanoTime);
    }

    Backoff(Duration initial, Duration max, LongSupplier nanoTime) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, got " + initial + " and " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.nanoTime = nanoTime;
        this.delayNanos = initialNanos;
    }

    /** Whether a connection attempt may be made now. */
    public synchronized boolean mayAttempt() {
        return !waiting || nanoTime.getAsLong() - retryAtNanos >= 0;
    }

    /** Time left before the next attempt; zero when one may be made now. */
    public synchronized Duration remaining() {
        if (!waiting) {
            return Duration.ZERO;
        }
        long left = retryAtNanos - nanoTime.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public synchronized void failed() {
        retryAtNanos = nanoTime.getAsLong() + delayNanos;
        waiting = true;
        delayNanos = Math.min(maxNanos, Math.max(1, delayNanos * 2));
    }

    public synchronized void succeeded() {
        waiting = false;
        delayNanos = initialNanos;
    }
}
