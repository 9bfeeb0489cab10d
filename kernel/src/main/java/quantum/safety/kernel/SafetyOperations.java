package quantum.safety.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import redis.clients.jedis.UnifiedJedis;

/**
 * Audited manual transitions: SAFE MODE on/off and the kill switch, each applied together with its audit event
 * ({@code stream:safety.audit}: event, actor, reason, timestamp, previous value) in one atomic script.
 *
 * <p>Unlike {@link SafetyKernel#decide(Intent)}, these are operator actions: a Redis failure throws (a Jedis
 * exception), because the operator must know the change did not happen. A blank actor or reason is refused with
 * {@link IllegalArgumentException}: every transition says who and why; so are an actor over
 * {@value #MAX_ACTOR_LENGTH} or a reason over {@value #MAX_REASON_LENGTH} characters, and control or bidirectional
 * override characters in either.
 */
public final class SafetyOperations {

    private static final LuaScript SCRIPT = LuaScript.fromResource("operate.lua");
    public static final int MAX_ACTOR_LENGTH = 128;
    public static final int MAX_REASON_LENGTH = 500;

    private final UnifiedJedis redis;
    private final RedisSchema schema;

    public SafetyOperations(UnifiedJedis redis, RedisSchema schema) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.schema = Objects.requireNonNull(schema, "schema");
        SafetyKernel.requireHashTagOnCluster(redis, schema);
    }

    /**
     * Switches SAFE MODE on: for {@code ttl} when present (whole seconds, at least 1), else latched (no TTL, until
     * {@link #clearSafeMode}). Writes the {@code safety:safe_mode:info} hash with {@code source=manual}.
     */
    public OperationResult setSafeMode(Optional<Duration> ttl, String actor, String reason) {
        long seconds = 0;
        if (ttl.isPresent()) {
            Duration d = ttl.get();
            if (d.toMillis() < 1000 || d.toMillisPart() != 0) {
                throw new IllegalArgumentException("SAFE MODE TTL " + d + " must be whole seconds, at least 1s; "
                        + "leave it out for latched SAFE MODE");
            }
            seconds = d.toSeconds();
        }
        return run(AuditEvent.SAFE_MODE_ON, actor, reason, seconds);
    }

    /** Switches SAFE MODE off (deletes the flag and its info hash), whoever set it. */
    public OperationResult clearSafeMode(String actor, String reason) {
        return run(AuditEvent.SAFE_MODE_OFF, actor, reason, 0);
    }

    /** Engages the kill switch ({@code kill = 1}): every intent is blocked, reduce-only ones too. */
    public OperationResult engageKillSwitch(String actor, String reason) {
        return run(AuditEvent.KILL_ON, actor, reason, 0);
    }

    /** Releases the kill switch ({@code kill = 0}, the legacy "go" value). */
    public OperationResult releaseKillSwitch(String actor, String reason) {
        return run(AuditEvent.KILL_OFF, actor, reason, 0);
    }

    private OperationResult run(AuditEvent event, String actor, String reason, long ttlSeconds) {
        String who = requireText("actor", actor, MAX_ACTOR_LENGTH);
        String why = requireText("reason", reason, MAX_REASON_LENGTH);
        List<byte[]> keys = Stream.of(schema.killSwitch(), schema.safeMode(), schema.safeModeInfo(),
                schema.auditStream(), schema.kernelTotals()).map(LuaScript::bytes).toList();
        List<byte[]> args = Stream.of(event.name(), who, why, String.valueOf(ttlSeconds),
                String.valueOf(RedisSchema.AUDIT_STREAM_MAXLEN)).map(LuaScript::bytes).toList();
        Object raw = SCRIPT.run(redis, keys, args);
        if (!(raw instanceof List<?> reply) || reply.size() != 3 || !(reply.get(1) instanceof Long timestamp)) {
            throw new IllegalStateException("unexpected reply from the operation script");
        }
        return new OperationResult(event, who, why, LuaScript.text(reply.get(0)), timestamp,
                LuaScript.text(reply.get(2)));
    }

    /** One line, bounded, without control or bidirectional override characters (see {@link Text}). */
    private static String requireText(String what, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty; every safety transition records who made it and why");
        }
        return Text.requirePlain(what, value.strip(), maxLength);
    }
}
