package quantum.safety.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import quantum.safety.kernel.FaultEvent;

/**
 * The fault stream {@code stream:safety.fault}: its length, the newest faults, the last hour counted exactly by id
 * range, and the faults ever appended.
 *
 * @param length           XLEN; empty when unreadable
 * @param newest           the newest faults, newest first (timestamps in seconds or milliseconds, or from the entry
 *                         id, see {@link FaultEvent}); empty when unreadable
 * @param lastHour         faults with an id time in the last 3600 s; empty when unreadable
 * @param lastHourByReason faults of the last hour by reason ("" for none), most first; empty when not read
 * @param lastHourBySymbol faults of the last hour by symbol ("" for none), most first; empty when not read
 * @param total            faults ever appended (entries-added, or the kernel's trip count on Redis 6.2)
 * @param problems         what was wrong with the data
 */
public record FaultWindow(OptionalLong length, Optional<List<FaultEvent>> newest, Optional<StreamWindow> lastHour,
                          Map<String, Long> lastHourByReason, Map<String, Long> lastHourBySymbol, StreamTotal total,
                          List<String> problems) {

    /** The last hour, by the contract's {@code faults_last_1h}. */
    public static final long HOUR_MILLIS = 3_600_000L;

    public FaultWindow {
        Objects.requireNonNull(length, "length");
        newest = newest.map(List::copyOf);
        Objects.requireNonNull(lastHour, "lastHour");
        lastHourByReason = Collections.unmodifiableMap(new LinkedHashMap<>(lastHourByReason));
        lastHourBySymbol = Collections.unmodifiableMap(new LinkedHashMap<>(lastHourBySymbol));
        Objects.requireNonNull(total, "total");
        problems = List.copyOf(problems);
    }

    /** Whether the length, the newest faults and the last hour were all read (a fault stream of another type is not). */
    public boolean readable() {
        return length.isPresent() && newest.isPresent() && lastHour.isPresent();
    }
}
