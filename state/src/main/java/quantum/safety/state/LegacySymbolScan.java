package quantum.safety.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Top symbols of rate windows from the legacy per-symbol counters {@code safety:rate:symbol:<SYMBOL>:<bucket>}, for
 * data written by the old kernel, which keeps no per-bucket ranking.
 *
 * <p>This is the only read whose cost grows with the keyspace, so it runs only when a ranking is absent while its window
 * saw intents, takes every window that needs it in one pass, and stops at the budget (the result then says it is
 * truncated). Each round trip carries the values of one SCAN page and the request for the next page; nothing is capped
 * by a key count. A reader that runs often (the exporter) uses a {@link LegacySymbolIndex} instead, whose cost does not
 * grow with the keys that are not counters.
 */
final class LegacySymbolScan {

    static final int SCAN_COUNT = 1000;

    private LegacySymbolScan() {
    }

    /** The {@code n} busiest symbols of each bucket. */
    static Map<Long, LegacyTop> top(UnifiedJedis redis, RedisSchema schema, Set<Long> buckets, int n, ReadBudget budget) {
        String exact = schema.symbolRatePattern(buckets.iterator().next());
        String head = LegacyCounterKey.head(schema);
        // One bucket: its own pattern. Both windows: one pass over every bucket's counters, sorted out by the suffix.
        String pattern = buckets.size() == 1 ? exact : head + "*";
        ScanParams params = new ScanParams().match(pattern).count(SCAN_COUNT);
        LegacyCounterTally tally = new LegacyCounterTally(buckets, n);
        if (budget.exhausted()) {
            return results(buckets, tally, true);
        }
        ScanResult<String> page = redis.scan(ScanParams.SCAN_POINTER_START, params);
        while (true) {
            List<String> keys = page.getResult();
            boolean more = !page.isCompleteIteration();
            if (keys.isEmpty() && !more) {
                break;
            }
            if (budget.exhausted()) {
                return results(buckets, tally, true);
            }
            Response<List<String>> values = null;
            Response<ScanResult<String>> next = null;
            try (AbstractPipeline pipeline = redis.pipelined()) {
                if (!keys.isEmpty()) {
                    values = pipeline.mget(keys.toArray(String[]::new));
                }
                if (more) {
                    next = pipeline.scan(page.getCursor(), params);
                }
                pipeline.sync();
            }
            if (values != null) {
                tally(keys, values.get(), head, tally);
            }
            if (!more) {
                break;
            }
            page = next.get();
        }
        return results(buckets, tally, false);
    }

    /** Offers each counter of a wanted bucket to its window's top. */
    private static void tally(List<String> keys, List<String> counts, String head, LegacyCounterTally tally) {
        for (int i = 0; i < keys.size(); i++) {
            LegacyCounterKey key = LegacyCounterKey.parse(head, keys.get(i));
            if (key != null && tally.wants(key.bucket())) {
                tally.offer(key.bucket(), key.symbol(), counts.get(i), keys.get(i));
            }
        }
    }

    private static Map<Long, LegacyTop> results(Set<Long> buckets, LegacyCounterTally tally, boolean truncated) {
        Map<Long, LegacyTop> results = new HashMap<>();
        for (long bucket : buckets) {
            results.put(bucket, new LegacyTop(tally.top(bucket), truncated, tally.bad(bucket), Optional.empty()));
        }
        return results;
    }
}
