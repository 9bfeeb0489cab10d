package quantum.safety.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import redis.clients.jedis.UnifiedJedis;

/**
 * Binds {@code decide.lua} to a schema and a config: which KEYS and ARGV one decision sends, and how the reply
 * becomes a {@link Decision}. Everything constant is encoded once; a call only encodes the intent's own fields.
 */
final class DecisionScript {

    private static final LuaScript SCRIPT = LuaScript.fromResource("decide.lua");
    private static final byte[] ZERO = LuaScript.bytes("0");
    private static final byte[] REDUCE_ONLY_BLOCKED = LuaScript.bytes("B");
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] BUY = LuaScript.bytes("BUY");
    private static final byte[] SELL = LuaScript.bytes("SELL");
    /** Symbols seen so far and their counter key bases; bounded because a router trades a bounded set. */
    private static final int MAX_CACHED_SYMBOLS = 10_000;

    private final KernelConfig config;
    private final RedisSchema schema;
    private final byte[][] fixedKeys;
    private final byte[] globalBase;
    private final byte[] rankingBase;
    private final byte[] reduceOnlyGlobalBase;
    private final byte[][] limits;
    private final byte[] reduceOnly;
    private final byte[] tripSettings;
    /** Per symbol: its counter key base, its own bytes and its reduce-only counter key base. */
    private final Map<String, byte[][]> symbols = new ConcurrentHashMap<>();

    DecisionScript(KernelConfig config, RedisSchema schema) {
        this.config = config;
        this.schema = schema;
        this.fixedKeys = encode(schema.killSwitch(), schema.safeMode(), schema.safeModeInfo(), schema.tripStreak(),
                schema.faultStream(), schema.auditStream(), schema.decisionCounters(), schema.kernelTotals());
        this.globalBase = LuaScript.bytes(stripBucket(schema.globalRate(0)));
        this.rankingBase = LuaScript.bytes(stripBucket(schema.symbolRanking(0)));
        this.reduceOnlyGlobalBase = LuaScript.bytes(stripBucket(schema.reduceOnlyGlobalRate(0)));
        this.limits = encode(String.valueOf(config.windowSeconds()), String.valueOf(config.globalMax()),
                String.valueOf(config.symbolMax()));
        this.reduceOnly = config.reduceOnlyPassesSafeMode() && config.reduceOnlySymbolMax() > 0
                && config.reduceOnlyGlobalMax() > 0
                ? LuaScript.bytes(config.reduceOnlySymbolMax() + " " + config.reduceOnlyGlobalMax()) : REDUCE_ONLY_BLOCKED;
        // Only a trip reads these, so they travel as one argument (the kernel id has no white space).
        this.tripSettings = LuaScript.bytes(String.join(" ",
                String.valueOf(config.cooldownSeconds()),
                config.latchedTrips() ? "1" : "0",
                String.valueOf(config.escalateCooldown() ? config.maxCooldownSeconds() : 0),
                String.valueOf(config.escalationPeriodSeconds()),
                String.valueOf(ProcessHandle.current().pid()),
                config.kernelId(),
                String.valueOf(RedisSchema.FAULT_STREAM_MAXLEN),
                String.valueOf(RedisSchema.AUDIT_STREAM_MAXLEN)));
    }

    static String sha1() {
        return SCRIPT.sha1();
    }

    static void ensureLoaded(UnifiedJedis redis, RedisSchema schema) {
        SCRIPT.ensureLoaded(redis, schema.safeMode());
    }

    /** A decision, and the reply it came from (whether statistics and events were written, the flags seen). */
    record Outcome(Decision decision, Reply reply) {
    }

    /** One round trip (two when the server has not seen the script yet). Redis errors propagate. */
    Outcome run(UnifiedJedis redis, Intent intent, FailureCounter.Pending late) {
        List<byte[]> keys = new ArrayList<>(fixedKeys.length + 5);
        keys.addAll(Arrays.asList(fixedKeys));
        keys.add(globalBase);
        byte[][] symbol = symbol(intent.symbol());
        keys.add(symbol[0]);
        keys.add(rankingBase);
        keys.add(symbol[2]);
        keys.add(reduceOnlyGlobalBase);

        List<byte[]> args = new ArrayList<>(10);
        args.addAll(Arrays.asList(limits));
        args.add(intent.reduceOnly() ? reduceOnly : ZERO);
        args.add(symbol[1]);
        args.add(intent.side().equals("BUY") ? BUY : SELL);
        args.add(intent.correlationId().isEmpty() ? EMPTY : LuaScript.bytes(intent.correlationId()));
        args.add(intent.traceId().isEmpty() ? EMPTY : LuaScript.bytes(intent.traceId()));
        args.add(late == FailureCounter.Pending.NONE ? ZERO : LuaScript.bytes(late.encode()));
        args.add(tripSettings);

        Reply reply = Reply.parse(SCRIPT.run(redis, keys, args));
        return new Outcome(toDecision(intent, reply), reply);
    }

    private byte[][] symbol(String symbol) {
        byte[][] cached = symbols.get(symbol);
        if (cached != null) {
            return cached;
        }
        byte[][] encoded = {LuaScript.bytes(stripBucket(schema.symbolRate(symbol, 0))), LuaScript.bytes(symbol),
                LuaScript.bytes(stripBucket(schema.reduceOnlyRate(symbol, 0)))};
        if (symbols.size() < MAX_CACHED_SYMBOLS) {
            symbols.put(symbol, encoded);
        }
        return encoded;
    }

    private Decision toDecision(Intent intent, Reply reply) {
        Map<String, Object> meta = baseMeta(intent, config);
        meta.put("tripped", reply.tripped());
        meta.put("safe_mode", reply.safeModeTtl() != -2);
        meta.put("safe_mode_ttl", reply.safeModeTtl());
        if (reply.rateCounted()) {
            meta.put("bucket", RedisSchema.bucket(reply.serverTime(), config.windowSeconds()));
            meta.put("global_count", reply.globalCount());
            meta.put("symbol_count", reply.symbolCount());
        }
        if (reply.reason() == Reason.REDUCE_ONLY_ALLOWED || reply.reason() == Reason.REDUCE_ONLY_RATE_EXCEEDED) {
            meta.put("bucket", RedisSchema.bucket(reply.serverTime(), config.windowSeconds()));
            meta.put("reduce_only_count", reply.reduceOnlyCount());
            meta.put("reduce_only_max", config.reduceOnlySymbolMax());
        }
        if (reply.tripped()) {
            meta.put("cooldown_sec", reply.cooldownSeconds());
            meta.put("trip_streak", reply.streak());
            if (reply.lostEvents() > 0) {
                meta.put("lost_events", reply.lostEvents());
            }
        }
        meta.put("server_time", reply.serverTime());
        meta.put("kernel_id", config.kernelId());
        return Decision.owning(reply.reason(), meta);
    }

    /** The meta every decision carries, also when Redis could not be asked. */
    static Map<String, Object> baseMeta(Intent intent, KernelConfig config) {
        Map<String, Object> meta = new LinkedHashMap<>(32);
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

    private static byte[][] encode(String... values) {
        return Arrays.stream(values).map(LuaScript::bytes).toArray(byte[][]::new);
    }

    /** The schema builds keys with the bucket last; the script appends the bucket from the server's clock. */
    private static String stripBucket(String keyForBucketZero) {
        return keyForBucketZero.substring(0, keyForBucketZero.length() - 1);
    }

    /** A reply the kernel cannot read: a bug or another script under the same digest, never an outage. */
    static final class UnexpectedReply extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnexpectedReply(String message) {
            super(message);
        }
    }

    /** The script's reply, checked field by field. */
    record Reply(Reason reason, long globalCount, long symbolCount, long safeModeTtl, long serverTime,
                 long stats, long cooldownSeconds, long streak, long lostEvents, long reduceOnlyCount) {

        /** Bits of {@link #stats()}: what the script could write besides the decision itself. */
        static final long COUNTED = 1;
        static final long LATE_REPORTED = 2;
        static final long OTHERS_WRITTEN = 4;

        boolean statsOk() {
            return stats == (COUNTED | LATE_REPORTED | OTHERS_WRITTEN);
        }

        /** This decision is in the fleet-wide decisions hash. */
        boolean counted() {
            return (stats & COUNTED) != 0;
        }

        /** The late reports it carried are in the fleet-wide hashes (all of them, or none). */
        boolean lateReported() {
            return (stats & LATE_REPORTED) != 0;
        }

        private static final int FIELDS = 10;

        static Reply parse(Object raw) {
            if (!(raw instanceof List<?> list) || list.size() != FIELDS) {
                throw new UnexpectedReply("expected " + FIELDS + " fields");
            }
            Reason reason;
            try {
                reason = Reason.valueOf(LuaScript.text(list.get(0)));
            } catch (IllegalArgumentException e) {
                throw new UnexpectedReply("unknown reason " + Text.quote(LuaScript.text(list.get(0))));
            }
            return new Reply(reason, number(list, 1), number(list, 2), number(list, 3), number(list, 4),
                    number(list, 5), number(list, 6), number(list, 7), number(list, 8), number(list, 9));
        }

        boolean tripped() {
            return reason.isTrip();
        }

        /** The intent went through the rate counters: allowed by the limits, or the one that tripped them. */
        boolean rateCounted() {
            return reason == Reason.OK || reason.isTrip();
        }

        private static long number(List<?> list, int index) {
            if (list.get(index) instanceof Long value) {
                return value;
            }
            throw new UnexpectedReply("field " + index + " is not a number");
        }
    }
}
