package quantum.safety.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The router's trade-intent stream {@code stream:trade.intent}: its length, the intents published in the last minute
 * (by id range, so it stays right when the stream is trimmed at MAXLEN, where XLEN differences read 0) and the intents
 * ever published.
 *
 * @param length     XLEN; empty when unreadable
 * @param lastMinute intents with an id time in the last 60 s; empty when unreadable
 * @param total      entries-added on Redis 7+, else {@link StreamTotal#NOT_KEPT}
 * @param problems   what was wrong with the data
 */
public record IntentFlow(OptionalLong length, Optional<StreamWindow> lastMinute, StreamTotal total,
                         List<String> problems) {

    public static final long MINUTE_MILLIS = 60_000L;

    public IntentFlow {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(lastMinute, "lastMinute");
        Objects.requireNonNull(total, "total");
        problems = List.copyOf(problems);
    }
}
