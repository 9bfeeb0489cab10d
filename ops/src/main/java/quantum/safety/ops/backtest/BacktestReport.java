package quantum.safety.ops.backtest;

import java.time.Instant;
import java.util.List;

/**
 * The whole backtest: where and over what it ran, one report per alert, and how many queries it took.
 *
 * @param episodesListed how many episodes per alert and variant the reports list at most
 */
public record BacktestReport(String prometheus, Instant from, Instant to, List<String> sources,
                             List<AlertReport> alerts, int queries, int episodesListed) {
}
