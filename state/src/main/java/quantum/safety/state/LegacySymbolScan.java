package quantum.safety.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
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
 * by a key count.
 */
final class LegacySymbolScan {

    static final int SCAN_COUNT = 1000;

    /**
     * The top symbols of one window.
     *
     * @param badValues some of the window's counters do not hold integers
     */
    record Result(List<SymbolCount> top, boolean truncated, boolean badValues) {
    }

    private LegacySymbolScan() {
    }

    /** The {@code n} busiest symbols of each bucket. */
    static Map<Long, Result> top(UnifiedJedis redis, RedisSchema schema, Set<Long> buckets, int n, ReadBudget budget) {
        long any = buckets.iterator().next();
        String exact = schema.symbolRatePattern(any);
        String head = exact.substring(0, exact.indexOf('*'));
        // One bucket: its own pattern. Both windows: one pass over every bucket's counters, sorted out by the suffix.
        String pattern = buckets.size() == 1 ? exact : head + "*";
        ScanParams params = new ScanParams().match(pattern).count(SCAN_COUNT);
        Map<Long, PriorityQueue<SymbolCount>> best = new HashMap<>();
        buckets.forEach(b -> best.put(b, new PriorityQueue<>(SymbolCount.RANKING.reversed())));
        Set<Long> bad = new HashSet<>();
        if (budget.exhausted()) {
            return results(best, bad, true);
        }
        ScanResult<String> page = redis.scan(ScanParams.SCAN_POINTER_START, params);
        while (true) {
            List<String> keys = page.getResult();
            boolean more = !page.isCompleteIteration();
            if (keys.isEmpty() && !more) {
                break;
            }
            if (budget.exhausted()) {
                return results(best, bad, true);
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
                tally(keys, values.get(), head, best, n, bad);
            }
            if (!more) {
                break;
            }
            page = next.get();
        }
        return results(best, bad, false);
    }

    /** Offers each counter of a wanted bucket to its window's top {@code n}; notes the buckets with bad counters. */
    private static void tally(List<String> keys, List<String> counts, String head,
                              Map<Long, PriorityQueue<SymbolCount>> best, int n, Set<Long> bad) {
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            int colon = key.lastIndexOf(':');
            if (!key.startsWith(head) || colon <= head.length()) {
                continue;
            }
            Long bucket = bucket(key.substring(colon + 1));
            PriorityQueue<SymbolCount> queue = bucket == null ? null : best.get(bucket);
            if (queue == null) {
                continue;
            }
            Problems scratch = new Problems();
            OptionalLong count = Numbers.counter(counts.get(i), key, scratch);
            if (count.isEmpty()) {
                bad.add(bucket);
            }
            if (count.isPresent() && count.getAsLong() > 0) {
                queue.add(new SymbolCount(key.substring(head.length(), colon), count.getAsLong()));
                if (queue.size() > n) {
                    queue.poll();
                }
            }
        }
    }

    private static Long bucket(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<Long, Result> results(Map<Long, PriorityQueue<SymbolCount>> best, Set<Long> bad,
                                             boolean truncated) {
        Map<Long, Result> results = new HashMap<>();
        best.forEach((bucket, queue) -> {
            List<SymbolCount> list = new ArrayList<>(queue);
            list.sort(SymbolCount.RANKING);
            results.put(bucket, new Result(list, truncated, bad.contains(bucket)));
        });
        return results;
    }
}
