package quantum.safety.ops.backtest;

import java.time.Duration;

/**
 * A recording rule: the series it records, its expression, and how often its group evaluates it (null when the group
 * sets no interval and Prometheus' global one applies).
 */
public record RecordingRule(String name, String expression, Duration interval) {

    /** This rule with the global interval filled in when its group sets none. */
    public RecordingRule withDefaultInterval(Duration global) {
        return interval != null ? this : new RecordingRule(name, expression, global);
    }
}
