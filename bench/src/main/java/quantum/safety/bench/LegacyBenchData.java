package quantum.safety.bench;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The state an old kernel leaves in Redis, for exporter benchmarks: what {@link ExporterBenchData} seeds, but with no
 * per-bucket ranking ZSET {@code safety:rate:top:<bucket>} (the old kernel keeps none), so the top symbols can only be
 * found among the legacy per-symbol counters {@code safety:rate:symbol:<SYMBOL>:<bucket>}, and with 50,000 unrelated
 * keys for a scan to walk past.
 */
final class LegacyBenchData {

    static final int UNRELATED_KEYS = 50_000;

    private LegacyBenchData() {
    }

    /** Seeds the windows of {@code bucket} and the next one (a run may cross into it), without their rankings. */
    static void seed(Jedis jedis, long nowMillis, int windowSeconds, int symbols) {
        long bucket = RedisSchema.bucket(nowMillis / 1000, windowSeconds);
        ExporterBenchData.seed(jedis, nowMillis, windowSeconds, symbols);
        ExporterBenchData.seedWindow(jedis, bucket + 1, symbols);
        Pipeline p = jedis.pipelined();
        p.del(ExporterBenchData.SCHEMA.symbolRanking(bucket), ExporterBenchData.SCHEMA.symbolRanking(bucket + 1));
        // the same names as ExporterBenchData's unrelated keys, so the total is 50,000 whatever it seeds
        for (int i = 0; i < UNRELATED_KEYS; i++) {
            p.set("other:service:" + i, "x");
        }
        p.sync();
    }
}
