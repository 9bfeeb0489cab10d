package quantum.safety.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer for one intent: allowed or not, why, and a meta map that describes it (the legacy
 * {@code (allowed, reason, meta)} triple).
 *
 * <p>Meta keys, in order: {@code symbol}, {@code side}, {@code reduce_only}, {@code correlation_id},
 * {@code trace_id}, {@code global_max}, {@code symbol_max}, {@code window_sec}, {@code tripped},
 * {@code safe_mode} (boolean), {@code safe_mode_ttl} (seconds left; -1 = on without TTL, i.e. latched or set by
 * hand; -2 = off), then, when the intent was counted, {@code bucket}, {@code global_count}, {@code symbol_count}
 * ({@code 0} after a global trip, as in the legacy kernel); on a trip {@code cooldown_sec} (0 when latched) and
 * {@code trip_streak}; on a fail-open/closed decision {@code error} (the kind of failure, never a secret);
 * always {@code kernel_id}. Values are strings, numbers and booleans only, so the map serialises to JSON as is.
 */
public record Decision(Reason reason, Map<String, Object> meta) {

    public Decision {
        Objects.requireNonNull(reason, "reason");
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    public boolean allowed() {
        return reason.allowed();
    }

    /** This decision switched SAFE MODE on. */
    public boolean tripped() {
        return Boolean.TRUE.equals(meta.get("tripped"));
    }

    /** A meta value as a long, or the fallback when absent. */
    public long metaLong(String key, long fallback) {
        return meta.get(key) instanceof Number n ? n.longValue() : fallback;
    }
}
