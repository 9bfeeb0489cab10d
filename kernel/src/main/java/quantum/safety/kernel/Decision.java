package quantum.safety.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer for one intent: allowed or not, why, and a meta map that describes it (the legacy
 * {@code (allowed, reason, meta)} triple). Immutable.
 *
 * <p>Meta keys, in order: {@code symbol}, {@code side}, {@code reduce_only}, {@code correlation_id},
 * {@code trace_id}, {@code global_max}, {@code symbol_max}, {@code window_sec}, {@code tripped},
 * {@code safe_mode} (boolean), {@code safe_mode_ttl} (seconds left; -1 = on without TTL, i.e. latched or set by
 * hand; -2 = off), then, when the intent was counted, {@code bucket}, {@code global_count}, {@code symbol_count}
 * ({@code 0} after a global trip, as in the legacy kernel); on a trip {@code cooldown_sec} (0 when latched) and
 * {@code trip_streak}; {@code server_time} (the Redis clock, unix seconds) when Redis decided, {@code error} (the
 * kind of failure, never a secret) when it could not; always {@code kernel_id}. Values are strings, numbers and
 * booleans only, so the map serialises to JSON as is.
 */
public final class Decision {

    private final Reason reason;
    private final Map<String, Object> meta;

    /** A decision with a copy of {@code meta}. */
    public Decision(Reason reason, Map<String, Object> meta) {
        this(reason, new LinkedHashMap<>(meta), true);
    }

    /** {@code owned} only tells this constructor apart from the public one: the map is used as is. */
    private Decision(Reason reason, Map<String, Object> ownedMeta, boolean owned) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.meta = Collections.unmodifiableMap(ownedMeta);
    }

    /** For the kernel's hot path: takes ownership of a map nobody else holds, without copying it. */
    static Decision owning(Reason reason, Map<String, Object> meta) {
        return new Decision(reason, meta, true);
    }

    public Reason reason() {
        return reason;
    }

    /** Read-only, in the order documented on the class. */
    public Map<String, Object> meta() {
        return meta;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision other && reason == other.reason && meta.equals(other.meta);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, meta);
    }

    @Override
    public String toString() {
        return "Decision[allowed=" + allowed() + ", reason=" + reason + ", meta=" + meta + "]";
    }
}
