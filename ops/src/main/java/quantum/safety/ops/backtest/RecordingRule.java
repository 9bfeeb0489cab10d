package quantum.safety.ops.backtest;

import java.time.Duration;

/** A recording rule: the series it records, its expression, and how often its group evaluates it. */
public record RecordingRule(String name, String expression, Duration interval) {
}
