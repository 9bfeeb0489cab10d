package quantum.safety.exporter;

import java.util.LinkedHashMap;
import java.util.Map;

import quantum.safety.kernel.PublishedSettings;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/** Writes Redis state the way the kernel (new format) or the legacy kernel writes it, at chosen times. */
public final class Seed {

    public static final RedisSchema SCHEMA = RedisSchema.legacy();

    private Seed() {
    }

    /** A fault event with the legacy fields, appended with an id at {@code epochMillis}. */
    public static void fault(Jedis jedis, long epochMillis, int seq, String reason, String symbol, String side) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("timestamp", Long.toString(epochMillis / 1000));
        fields.put("reason", reason);
        fields.put("symbol", symbol);
        fields.put("side", side);
        fields.put("global_count", "21");
        fields.put("symbol_count", reason.equals("GLOBAL_RATE_EXCEEDED") ? "0" : "6");
        fields.put("global_max", "20");
        fields.put("symbol_max", "5");
        fields.put("window_sec", "10");
        fields.put("cooldown_sec", "300");
        fields.put("router_pid", "4242");
        fields.put("correlation_id", "c-" + epochMillis + "-" + seq);
        fields.put("trace_id", "");
        jedis.xadd(SCHEMA.faultStream(), new StreamEntryID(epochMillis, seq), fields);
    }

    /** A published trade intent (one JSON field {@code data}) with an id at {@code epochMillis}. */
    public static void intent(Jedis jedis, long epochMillis, int seq) {
        jedis.xadd(SCHEMA.tradeIntentStream(), new StreamEntryID(epochMillis, seq),
                Map.of("data", "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":0.01}"));
    }

    /** What the new kernel writes per checked intent: legacy counters plus the per-bucket ranking. */
    public static void checkedIntents(Jedis jedis, long bucket, String symbol, int count) {
        jedis.incrBy(SCHEMA.globalRate(bucket), count);
        jedis.incrBy(SCHEMA.symbolRate(symbol, bucket), count);
        jedis.zincrby(SCHEMA.symbolRanking(bucket), count, symbol);
    }

    /** What the legacy kernel writes: counters only, no ranking. */
    public static void legacyCheckedIntents(Jedis jedis, long bucket, String symbol, int count) {
        jedis.incrBy(SCHEMA.globalRate(bucket), count);
        jedis.incrBy(SCHEMA.symbolRate(symbol, bucket), count);
    }

    /**
     * What a kernel of this version publishes (field = kernel id), with a fixed version so that golden bodies do not
     * change with the project's; alive until {@code expiresAt} (unix seconds on the clock the reader uses).
     */
    public static void kernel(Jedis jedis, String kernelId, int window, int globalMax, int symbolMax, long expiresAt) {
        PublishedSettings settings = new PublishedSettings(kernelId, "1.2.3", window, globalMax, symbolMax, symbolMax,
                globalMax, "allow", 300, 0, false, "closed", expiresAt - 60, expiresAt);
        jedis.hset(SCHEMA.kernelSettings(), kernelId, settings.encode() + " published_at=" + settings.publishedAt()
                + " expires_at=" + expiresAt);
    }
}
