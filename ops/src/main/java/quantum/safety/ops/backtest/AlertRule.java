package quantum.safety.ops.backtest;

import java.time.Duration;

/**
 * An alerting rule as its file declares it.
 *
 * @param interval its group's evaluation interval; null when the group sets none (Prometheus' global one applies)
 * @param source   the file it came from, for messages
 */
public record AlertRule(String name, String expression, Duration forDuration, Duration keepFiringFor, String group,
                        Duration interval, String source) {
}
