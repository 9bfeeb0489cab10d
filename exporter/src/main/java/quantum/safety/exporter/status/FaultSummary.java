package quantum.safety.exporter.status;

import java.util.List;
import java.util.Map;

import quantum.safety.kernel.FaultEvent;

/**
 * The fault stream seen from an operator's chair.
 *
 * @param readable       false when the fault stream could not be read (wrong type): the numbers are then unknown
 * @param streamLength   XLEN
 * @param lastHour       faults with an id time in the last hour
 * @param lastHourExact  false when counting stopped at the deadline (then {@code lastHour} is a lower bound)
 * @param lastHourByReason faults of the last hour by reason, most first
 * @param recent         the newest faults, newest first
 */
public record FaultSummary(boolean readable, long streamLength, long lastHour, boolean lastHourExact, Map<String, Long> lastHourByReason,
                           List<FaultEvent> recent) {

    public FaultSummary {
        lastHourByReason = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lastHourByReason));
        recent = List.copyOf(recent);
    }

    public static FaultSummary unreadable() {
        return new FaultSummary(false, 0, 0, false, Map.of(), List.of());
    }

    public static FaultSummary empty() {
        return new FaultSummary(true, 0, 0, true, Map.of(), List.of());
    }
}
