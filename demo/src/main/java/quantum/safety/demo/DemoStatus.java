package quantum.safety.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.Reason;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.StatusLimits;
import quantum.safety.state.StreamTotal;

/**
 * What the live line shows, taken from the same {@link SafetyStatus} the exporter's status page and {@code ctl status}
 * render.
 *
 * @param safeMode     the SAFE MODE flag, by the kernel's rule
 * @param ttlSeconds   remaining cooldown; -1 without TTL (latched or set by hand)
 * @param tripReason   why SAFE MODE is on ("" when off or unknown)
 * @param killSwitch   the kill switch, by the kernel's rule
 * @param decisions    fleet-wide decisions by reason, in the kernel's reason order
 * @param faults       trips the kernel appended to the fault stream, ever
 * @param topSymbols   the current window's busiest symbols with their counts, busiest first
 * @param limits       the window and limits the kernels count against ({@code 5s 30/10}) and where they come from
 */
record DemoStatus(FlagState safeMode, long ttlSeconds, String tripReason, FlagState killSwitch,
                  Map<String, Long> decisions, long faults, List<Map.Entry<String, Long>> topSymbols, String limits) {

    /** How many symbols the line shows. */
    static final int TOP = 3;

    DemoStatus {
        decisions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decisions));
        topSymbols = List.copyOf(topSymbols);
    }

    /** The line's facts from a status of a reachable Redis: the reasons that happened, the trips, the top symbols. */
    static DemoStatus of(SafetyStatus status) {
        Map<String, Long> decisions = new LinkedHashMap<>();
        for (Reason reason : Reason.values()) {
            long count = status.kernel().decisions().getOrDefault(reason.name(), 0.0).longValue();
            if (count > 0) {
                decisions.put(reason.name(), count);
            }
        }
        StreamTotal trips = status.kernel().trips();
        List<Map.Entry<String, Long>> top = status.current().top().stream().limit(TOP)
                .map(s -> Map.entry(s.symbol(), (long) s.count())).toList();
        return new DemoStatus(status.safeMode().flag(), status.safeMode().secondsLeft().orElse(-1),
                status.safeMode().infoField("reason"), status.killSwitch(), decisions,
                (long) trips.count().orElse(0), top, limits(status));
    }

    /** {@code 5s 30/10 (kernel demo)}: what the live kernels publish, or the demo's own settings, said as such. */
    static String limits(SafetyStatus status) {
        StatusLimits l = status.limits();
        String from = switch (status.limitsSource()) {
            case KERNELS -> status.kernels().kernels().size() == 1
                    ? "kernel " + status.kernels().kernels().get(0).kernelId()
                    : status.kernels().kernels().size() + " kernels";
            case KERNELS_DISAGREE -> "kernels disagree";
            case CONFIGURATION -> "demo settings, no kernel published";
        };
        return l.windowSeconds() + "s " + l.globalMax() + "/" + l.symbolMax() + " (" + from + ")";
    }
}
