package quantum.safety.exporter.collect;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A point in monotonic time by which a scrape must answer. Redis calls cannot be interrupted, so collectors check
 * it between round trips and the scrape stops waiting for them when it passes.
 *
 * <p>It reads the clock it was made with (a nano clock such as {@link System#nanoTime()}, the same type
 * {@code Backoff} takes), so a test can move time by hand.
 */
public final class Deadline {

    private final long atNanos;
    private final LongSupplier nanoTime;

    private Deadline(long atNanos, LongSupplier nanoTime) {
        this.atNanos = atNanos;
        this.nanoTime = nanoTime;
    }

    public static Deadline after(Duration budget) {
        return after(budget, System::nanoTime);
    }

    /** {@code budget} from now on {@code nanoTime}, which every later check reads too. */
    public static Deadline after(Duration budget, LongSupplier nanoTime) {
        return new Deadline(nanoTime.getAsLong() + Math.max(0, budget.toNanos()), nanoTime);
    }

    /** A deadline that has already passed: for tests of what a collector does when it has no time left. */
    public static Deadline expired() {
        return new Deadline(System.nanoTime() - 1, System::nanoTime);
    }

    public boolean isExpired() {
        return remaining().isZero();
    }

    public Duration remaining() {
        long left = atNanos - nanoTime.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
