package quantum.safety.state;

import java.time.Duration;

/**
 * When a read must stop asking Redis for more. Only the reads whose cost grows with the data (a long stream, the
 * legacy counter scan) take more round trips; they check the budget between them, and a record that stopped early
 * says so (a count that is a lower bound, a truncated symbol list).
 */
@FunctionalInterface
public interface ReadBudget {

    /** Whether no further round trip may start. */
    boolean exhausted();

    /** A budget of {@code time} from now, on the monotonic clock. */
    static ReadBudget of(Duration time) {
        long end = System.nanoTime() + Math.max(0, time.toNanos());
        return () -> System.nanoTime() - end >= 0;
    }
}
