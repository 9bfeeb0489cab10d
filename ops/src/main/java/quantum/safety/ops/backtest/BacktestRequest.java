package quantum.safety.ops.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to backtest.
 *
 * @param step       evaluation interval for every alert; null: each group's interval, else Prometheus' global one
 * @param candidates alert name → candidate threshold (a number, or numbers with arithmetic), in the order given
 * @param alerts     only these alerts; empty: every alert of the rules
 * @param episodes   how many episodes to list per alert and variant (all are counted)
 */
public record BacktestRequest(BacktestRules rules, Instant from, Instant to, Duration step,
                              Map<String, String> candidates, List<String> alerts, int episodes) {
}
