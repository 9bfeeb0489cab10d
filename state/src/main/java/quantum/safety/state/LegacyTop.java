package quantum.safety.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The busiest symbols of one window, from the legacy per-symbol counters.
 *
 * @param truncated the read stopped at its budget before it could know every counter of the window
 * @param badValues some of the window's counters do not hold integers
 * @param indexAge  when the symbols came through a {@link LegacySymbolIndex}: how long ago its last complete walk of
 *                  the keyspace started
 */
record LegacyTop(List<SymbolCount> top, boolean truncated, boolean badValues, Optional<Duration> indexAge) {

    LegacyTop {
        top = List.copyOf(top);
    }

    static LegacyTop empty(boolean truncated) {
        return new LegacyTop(List.of(), truncated, false, Optional.empty());
    }
}
