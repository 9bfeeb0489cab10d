package quantum.safety.ops.backtest;

import java.time.Duration;
import java.util.List;

/** One alert's backtest: its evaluation settings and its current version, then the candidate when one was given. */
public record AlertReport(String alert, String group, Duration forDuration, Duration keepFiringFor, Duration step,
                          List<VariantReport> variants) {
}
