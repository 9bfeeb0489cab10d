package quantum.safety.kernel.redis;

import java.util.function.Supplier;

/**
 * The deadline of the decision running on this thread, read by {@link DeadlineConnection} before every socket read
 * so that pool wait, connect, send and every reply of one decision fit in it together. A thread-local because Jedis
 * gives a command no other way to carry it; it costs one lookup per read.
 */
public final class DecisionDeadline {

    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[2]);
    private static final int ACTIVE = 0;
    private static final int AT = 1;

    private DecisionDeadline() {
    }

    /** Runs {@code call} with a deadline at {@code deadlineNanos} ({@link System#nanoTime()} time). */
    public static <T> T within(long deadlineNanos, Supplier<T> call) {
        long[] current = CURRENT.get();
        long wasActive = current[ACTIVE];
        long wasAt = current[AT];
        current[ACTIVE] = 1;
        current[AT] = deadlineNanos;
        try {
            return call.get();
        } finally {
            current[ACTIVE] = wasActive;
            current[AT] = wasAt;
        }
    }

    /** Nanoseconds left, or {@link Long#MAX_VALUE} when no deadline is running on this thread. */
    static long remainingNanos() {
        long[] current = CURRENT.get();
        return current[ACTIVE] == 0 ? Long.MAX_VALUE : current[AT] - System.nanoTime();
    }
}
