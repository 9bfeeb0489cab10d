package quantum.safety.exporter.collect;

import java.time.Duration;

/**
 * A point in monotonic time by which a scrape must answer. Redis calls cannot be interrupted, so collectors check
 * it between round trips and the scrape stops waiting for them when it passes.
 */
public final class Deadline {

    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + Math.max(0, budget.toNanos()));
    }

    /** A deadline that has already passed: for tests of what a collector does when it has no time left. */
    public static Deadline expired() {
        return new Deadline(System.nanoTime() - 1);
    }

    public boolean isExpired() {
        return remaining().isZero();
    }

    public Duration remaining() {
        long left = atNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
