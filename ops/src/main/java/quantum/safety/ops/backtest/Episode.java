package quantum.safety.ops.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One time an alert would have fired for one label set: from the evaluation that turned it firing to the one that
 * resolved it.
 *
 * @param pendingSince  when its expression started returning the series (the start of pending)
 * @param beganBefore   the series was already there at the first evaluation looked at, so it may have been pending
 *                      (or firing) for longer than the range shows
 * @param stillFiring   it was still firing at the end of the range; {@code end} is then the range's end
 */
public record Episode(Map<String, String> labels, Instant pendingSince, Instant start, Instant end,
                      boolean beganBefore, boolean stillFiring) {

    public Duration duration() {
        return Duration.between(start, end);
    }
}
