package quantum.safety.demo;

import java.util.List;
import java.util.Map;

import quantum.safety.kernel.FlagState;

/**
 * What the live line shows, read from Redis in one go: the same state the exporter serves.
 *
 * @param safeMode     the SAFE MODE flag, by the kernel's rule
 * @param ttlSeconds   remaining cooldown; -1 without TTL (latched or set by hand)
 * @param tripReason   why SAFE MODE is on ("" when off or unknown)
 * @param killSwitch   the kill switch, by the kernel's rule
 * @param decisions    fleet-wide decisions by reason, in the kernel's reason order
 * @param faults       trips the kernel appended to the fault stream, ever
 * @param topSymbols   the current window's busiest symbols with their counts, busiest first
 */
record DemoStatus(FlagState safeMode, long ttlSeconds, String tripReason, FlagState killSwitch,
                  Map<String, Long> decisions, long faults, List<Map.Entry<String, Long>> topSymbols) {

    DemoStatus {
        decisions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decisions));
        topSymbols = List.copyOf(topSymbols);
    }
}
