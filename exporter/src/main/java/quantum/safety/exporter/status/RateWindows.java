package quantum.safety.exporter.status;

import java.time.Instant;
import java.util.List;

/** The current and previous rate windows, read at one instant: what {@code ctl top} shows. */
public record RateWindows(Instant readAt, RateWindow current, RateWindow previous, List<String> problems) {

    public RateWindows {
        problems = List.copyOf(problems);
    }
}
