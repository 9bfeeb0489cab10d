package quantum.safety.state;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One rate window of the kernel: the global counter and the busiest symbols of one bucket.
 *
 * @param bucket        {@code floor(unix seconds / window)}
 * @param globalCount   intents checked in this window, all symbols (0 when the counter is missing); empty when
 *                      unreadable or expired
 * @param globalExpired the global counter is gone while symbol counts of the window remain (written by the legacy
 *                      kernel or one before this version, whose counters expire during the next window): the
 *                      global count is unknown, not 0, so that it is never shown next to counts it does not include
 * @param rankingRead   false when the ranking could not be read (a key of another type): {@code top} is then empty
 * @param top           busiest symbols first (ties by symbol), at most as many as asked for
 * @param scanTruncated the fallback SCAN over legacy per-symbol counters stopped at the read's budget, so {@code top}
 *                      may be incomplete
 * @param legacyIndexAge when {@code top} came from legacy counters through a {@link LegacySymbolIndex}: how long ago its
 *                      last complete walk of the keyspace started (empty when none has completed, or no index was used)
 * @param problems      what was wrong with the data
 */
public record RateWindow(long bucket, int windowSeconds, OptionalLong globalCount, boolean globalExpired,
                         boolean rankingRead, List<SymbolCount> top, boolean scanTruncated,
                         Optional<Duration> legacyIndexAge, List<String> problems) {

    public RateWindow {
        Objects.requireNonNull(globalCount, "globalCount");
        Objects.requireNonNull(legacyIndexAge, "legacyIndexAge");
        top = List.copyOf(top);
        problems = List.copyOf(problems);
    }
}
