package quantum.safety.exporter.status;

import java.util.List;
import java.util.OptionalLong;

/**
 * One rate window: the global counter and the busiest symbols, with the limits they are checked against.
 *
 * @param bucket        {@code floor(unix seconds / window)}
 * @param globalCount   intents checked in this window, all symbols; empty when the counter is unreadable
 * @param top           busiest symbols first
 * @param scanTruncated the fallback SCAN over legacy per-symbol counters stopped at its deadline
 */
public record RateWindow(long bucket, int windowSeconds, OptionalLong globalCount, int globalMax, int symbolMax,
                         List<SymbolIntents> top, boolean scanTruncated) {

    public RateWindow {
        top = List.copyOf(top);
    }
}
