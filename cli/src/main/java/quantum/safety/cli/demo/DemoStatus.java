package quantum.safety.cli.demo;

import java.util.List;
import java.util.Map;

/**
 * What the live line shows, read from Redis in one go: the same state the exporter serves.
 *
 * @param safeMode     SAFE MODE flag on
 * @param ttlSeconds   remaining cooldown; -1 without TTL (latched or set by hand)
 * @param tripReason   why SAFE MODE is on ("" when off or unknown)
 * @param killSwitch   kill switch engaged
 * @param decisions    fleet-wide decisions by reason, in the kernel's reason order
 * @param faults       trips the kernel appended to the fault stream, ever
 * @param topSymbols   the current window's busiest symbols with their counts, busiest first
 */
record DemoStatus(boolean safeMode, long ttlSeconds, String tripReason, boolean killSwitch,
                  Map<String, Long> decisions, long faults, List<Map.Entry<String, Long>> topSymbols) {

    DemoStatus {
        decisions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decisions));
        topSymbols = List.copyOf(topSymbols);
    }
}
