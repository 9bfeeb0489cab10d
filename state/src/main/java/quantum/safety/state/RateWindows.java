package quantum.safety.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The current and previous rate windows, read at one instant: what {@code ctl top} shows.
 *
 * @param limits       the limits the counts are shown against
 * @param readProblems problems of the read itself (Redis' clock unavailable); the windows carry their own
 */
public record RateWindows(Instant readAt, StatusLimits limits, RateWindow current, RateWindow previous,
                          List<String> readProblems) {

    public RateWindows {
        readProblems = List.copyOf(readProblems);
    }

    /** Every problem found, the read's own first. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(readProblems);
        all.addAll(current.problems());
        all.addAll(previous.problems());
        return all.stream().distinct().toList();
    }
}
