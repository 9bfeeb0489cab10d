package quantum.safety.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import redis.clients.jedis.UnifiedJedis;

/**
 * Binds {@code decide.lua} to a schema and a config: which KEYS and ARGV one decision sends, and how the reply
 * becomes a {@link Decision}. The constant parts are computed once; a call only adds the intent's fields.
 */
final class DecisionScript {

    private static final LuaScript SCRIPT = LuaScript.fromResource("decide.lua");

    private final KernelConfig config;
    private final RedisSchema schema;
    private final List<String> fixedKeys;
    private final String rankingBase;
    private final String globalBase;
    private final String[] fixedArgs;

    DecisionScript(KernelConfig config, RedisSchema schema) {
        this.config = config;
        this.schema = schema;
        this.fixedKeys = List.of(schema.killSwitch(), schema.safeMode(), schema.safeModeInfo(), schema.tripStreak(),
                schema.faultStream(), schema.auditStream(), schema.decisionCounters(), schema.kernelTotals());
        this.globalBase = stripBucket(schema.globalRate(0));
        this.rankingBase = stripBucket(schema.symbolRanking(0));
        this.fixedArgs = new String[] {
                String.valueOf(config.windowSeconds()),
                String.valueOf(config.globalMax()),
                String.valueOf(config.symbolMax()),
                String.valueOf(config.cooldownSeconds()),
                config.latchedTrips() ? "1" : "0",
                String.valueOf(config.escalateCooldown() ? config.maxCooldownSeconds() : 0),
                String.valueOf(config.escalationPeriodSeconds()),
        };
    }

    static String sha1() {
        return SCRIPT.sha1();
    }

    /** A decision, and whether the script could also write its statistics. */
    record Outcome(Decision decision, boolean statsOk) {
    }

    /** One round trip (two when the server has not seen the script yet). Redis errors propagate. */
    Outcome run(UnifiedJedis redis, Intent intent, FailureCounter.Pending late) {
        List<String> keys = new ArrayList<>(fixedKeys.size() + 3);
        keys.addAll(fixedKeys);
        keys.add(globalBase);
        keys.add(stripBucket(schema.symbolRate(intent.symbol(), 0)));
        keys.add(rankingBase);

        List<String> args = new ArrayList<>(19);
        args.addAll(List.of(fixedArgs));
        args.add(intent.reduceOnly() ? "1" : "0");
        args.add(config.reduceOnlyPassesSafeMode() ? "1" : "0");
        args.add(intent.symbol());
        args.add(intent.side());
        args.add(intent.correlationId());
        args.add(intent.traceId());
        args.add(ROUTER_PID);
        args.add(config.kernelId());
        args.add(String.valueOf(late.failOpen()));
        args.add(String.valueOf(late.failClosed()));
        args.add(String.valueOf(RedisSchema.FAULT_STREAM_MAXLEN));
        args.add(String.valueOf(RedisSchema.AUDIT_STREAM_MAXLEN));

        Reply reply = Reply.parse(SCRIPT.run(redis, keys, args));
        return new Outcome(toDecision(intent, reply), reply.statsOk());
    }

    private Decision toDecision(Intent intent, Reply reply) {
        Map<String, Object> meta = baseMeta(intent, config);
        meta.put("tripped", reply.tripped());
        meta.put("safe_mode", reply.safeModeTtl() != -2);
        meta.put("safe_mode_ttl", reply.safeModeTtl());
        if (reply.counted()) {
            meta.put("bucket", reply.bucket());
            meta.put("global_count", reply.globalCount());
            meta.put("symbol_count", reply.symbolCount());
        }
        if (reply.tripped()) {
            meta.put("cooldown_sec", reply.cooldownSeconds());
            meta.put("trip_streak", reply.streak());
        }
        meta.put("server_time", reply.serverTime());
        meta.put("kernel_id", config.kernelId());
        return new Decision(reply.reason(), meta);
    }

    /** The meta every decision carries, also when Redis could not be asked. */
    static Map<String, Object> baseMeta(Intent intent, KernelConfig config) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("symbol", intent.symbol());
        meta.put("side", intent.side());
        meta.put("reduce_only", intent.reduceOnly());
        meta.put("correlation_id", intent.correlationId());
        meta.put("trace_id", intent.traceId());
        meta.put("global_max", config.globalMax());
        meta.put("symbol_max", config.symbolMax());
        meta.put("window_sec", config.windowSeconds());
        return meta;
    }

    private static final String ROUTER_PID = String.valueOf(ProcessHandle.current().pid());

    /** The schema builds keys with the bucket last; the script appends the bucket from the server's clock. */
    private static String stripBucket(String keyForBucketZero) {
        return keyForBucketZero.substring(0, keyForBucketZero.length() - 1);
    }

    /** The script's reply, checked field by field: anything unexpected is an error like any other. */
    record Reply(Reason reason, boolean counted, long globalCount, long symbolCount, boolean tripped,
                 long safeModeTtl, long bucket, long serverTime, long cooldownSeconds, boolean statsOk, long streak) {

        static Reply parse(Object raw) {
            if (!(raw instanceof List<?> list) || list.size() != 12) {
                throw new IllegalStateException("unexpected reply from the decision script: " + raw);
            }
            Reason reason = Reason.valueOf(String.valueOf(list.get(1)));
            if (reason.allowed() != (number(list, 0) == 1)) {
                throw new IllegalStateException("decision script reply is inconsistent: " + list);
            }
            return new Reply(reason, number(list, 2) == 1, number(list, 3), number(list, 4), number(list, 5) == 1,
                    number(list, 6), number(list, 7), number(list, 8), number(list, 9), number(list, 10) == 1,
                    number(list, 11));
        }

        private static long number(List<?> list, int index) {
            if (list.get(index) instanceof Long value) {
                return value;
            }
            throw new IllegalStateException("decision script reply field " + index + " is not a number: " + list);
        }
    }
}
