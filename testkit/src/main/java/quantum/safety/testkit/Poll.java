package quantum.safety.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition on child processes that send no event when it becomes true (cluster gossip, replication),
 * checking it every few milliseconds. The testkit has no Awaitility at run time: it is test-scoped in the build.
 */
final class Poll {

    private static final long INTERVAL_NANOS = Duration.ofMillis(25).toNanos();

    private Poll() {
    }

    /**
     * Returns as soon as {@code condition} holds; a condition that throws counts as not yet. After {@code timeout}
     * throws {@link IllegalStateException} naming what was awaited and the state {@code describe} gives.
     */
    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> describe) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (Instant.now().isAfter(deadline)) {
                String state;
                try {
                    state = describe.get();
                } catch (RuntimeException e) {
                    state = "(state unavailable: " + e.getMessage() + ")";
                }
                throw new IllegalStateException("gave up after " + timeout + " waiting until " + what
                        + "; state:\n" + state, last);
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting until " + what);
            }
        }
    }
}
