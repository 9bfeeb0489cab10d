package quantum.safety.process;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one wait loop for conditions that send no event when they become true: a starting server that begins to answer,
 * cluster gossip, replication. It checks every few milliseconds until the condition holds, something says to stop
 * waiting (the process exited), or the time is up. Tests may use Awaitility; this module runs in the product too,
 * where Awaitility is not.
 */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(25);

    private Poll() {
    }

    /** A condition to wait for; one that throws counts as "not yet", and the last exception is kept. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** How a wait ended. */
    public enum End { MET, STOPPED, TIMED_OUT }

    /**
     * How a wait ended, and the last exception the condition threw (null when it never threw).
     *
     * @param end    {@code MET} when the condition held, {@code STOPPED} when {@code stop} held first,
     *               {@code TIMED_OUT} when neither did in time
     */
    public record Outcome(End end, Exception lastFailure) {
    }

    /**
     * Checks {@code stop}, then {@code condition}, every {@code interval} until one of them holds or {@code timeout}
     * has passed; the condition is checked at least once.
     */
    public static Outcome await(Duration timeout, Duration interval, BooleanSupplier stop, Condition condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (true) {
            if (stop.getAsBoolean()) {
                return new Outcome(End.STOPPED, last);
            }
            try {
                if (condition.holds()) {
                    return new Outcome(End.MET, last);
                }
            } catch (Exception e) {
                last = e;
            }
            if (Instant.now().isAfter(deadline)) {
                return new Outcome(End.TIMED_OUT, last);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /**
     * Returns as soon as {@code condition} holds; a condition that throws counts as not yet. After {@code timeout}
     * throws {@link IllegalStateException} naming what was awaited and the state {@code describe} gives.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> describe) {
        Outcome outcome;
        try {
            outcome = await(timeout, INTERVAL, () -> false, condition::getAsBoolean);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting until " + what, e);
        }
        if (outcome.end() != End.MET) {
            String state;
            try {
                state = describe.get();
            } catch (RuntimeException e) {
                state = "(state unavailable: " + e.getMessage() + ")";
            }
            throw new IllegalStateException("gave up after " + timeout + " waiting until " + what
                    + "; state:\n" + state, outcome.lastFailure());
        }
    }
}
