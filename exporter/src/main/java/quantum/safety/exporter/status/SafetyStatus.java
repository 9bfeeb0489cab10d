package quantum.safety.exporter.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.kernel.FlagState;

/**
 * Everything an operator asks first during an incident, read at one instant: are we blocked, why, since when, by
 * whom, how busy the rate windows are, what tripped lately, and whether Redis is healthy. {@code quantum-safety ctl
 * status} and the exporter's status page both render this one snapshot, so they always show the same facts.
 *
 * <p>Bad data in Redis (a key of the wrong type, a non-number) is listed in {@link #problems()}; the affected field
 * then reads as unknown rather than as a plausible wrong value. The two flags are the exception: they follow the
 * kernel's rule ({@link FlagState}), so a flag of the wrong type or with an odd value reads as on, as it blocks.
 *
 * @param readAt        the Redis server's time of the read
 * @param executionMode the {@code mode} key as stored (TESTNET, LIVE, …); empty when unset or unreadable
 * @param governor      the {@code governor:execution} key as stored (ENABLED/DISABLED); empty when unset
 * @param previous      the window before {@code current}
 * @param decisions     decisions by reason, fleet-wide (from {@code safety:decisions})
 */
public record SafetyStatus(Instant readAt, RedisHealth redis, SafeModeState safeMode, FlagState killSwitch,
                           Optional<String> executionMode, Optional<String> governor, RateWindow current,
                           RateWindow previous, FaultSummary faults, Map<String, Long> decisions,
                           List<String> problems) {

    public SafetyStatus {
        decisions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decisions));
        problems = List.copyOf(problems);
    }

    /** Redis could not be read at all: every safety fact is unknown. */
    public static SafetyStatus unreachable(Instant at, RedisHealth redis) {
        return new SafetyStatus(at, redis, null, null, Optional.empty(), Optional.empty(), null, null, null, Map.of(),
                List.of());
    }

    public boolean reachable() {
        return redis.up();
    }

    /** Whether new intents are blocked right now: SAFE MODE or the kill switch on, by the kernel's rule. */
    public boolean blocked() {
        return reachable() && (safeMode.flag().on() || killSwitch.on());
    }
}
