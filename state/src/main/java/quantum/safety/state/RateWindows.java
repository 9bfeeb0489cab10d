package quantum.safety.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The current and previous rate windows, read at one instant: what {@code ctl top} shows.
 *
 * @param limits       the limits the counts are shown against: the live kernels' when they published them
 * @param readProblems problems of the read itself (Redis' clock unavailable, bad kernel entries); the windows carry
 *                     their own
 * @param kernels      the kernels that published their settings
 */
public record RateWindows(Instant readAt, StatusLimits limits, RateWindow current, RateWindow previous,
                          List<String> readProblems, LiveKernels kernels) {

    public RateWindows {
        readProblems = List.copyOf(readProblems);
    }

    /** One line saying where {@link #limits()} come from. */
    public String limitsNote() {
        return kernels.limitsNote();
    }

    /** Every problem found, the read's own first. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(readProblems);
        all.addAll(current.problems());
        all.addAll(previous.problems());
        return all.stream().distinct().toList();
    }
}
