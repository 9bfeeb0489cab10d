package quantum.safety.exporter.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Top symbols of a window from the legacy per-symbol counters {@code safety:rate:symbol:<SYMBOL>:<bucket>}, for data
 * written by the old kernel, which keeps no per-bucket ranking.
 *
 * <p>This is the only part of a scrape whose cost grows with the keyspace, so it runs only when the ranking is absent
 * while the window saw intents, and stops at the deadline (the result then says it is truncated). Each round trip
 * carries the values of one SCAN page and the request for the next page; nothing is capped by a key count.
 */
public final class LegacySymbolScan {

    static final int SCAN_COUNT = 1000;

    public record Result(List<SymbolCount> top, boolean truncated) {
    }

    private LegacySymbolScan() {
    }

    public static Result top(UnifiedJedis redis, RedisSchema schema, long bucket, int n, Deadline deadline,
                      CollectorOutput out) {
        String pattern = schema.symbolRatePattern(bucket);
        String head = pattern.substring(0, pattern.indexOf('*'));
        String tail = pattern.substring(pattern.indexOf('*') + 1);
        ScanParams params = new ScanParams().match(pattern).count(SCAN_COUNT);
        PriorityQueue<SymbolCount> best = new PriorityQueue<>(SymbolCount.RANKING.reversed());
        if (deadline.isExpired()) {
            return new Result(List.of(), true);
        }
        ScanResult<String> page = redis.scan(ScanParams.SCAN_POINTER_START, params);
        boolean badValues = false;
        while (true) {
            List<String> keys = page.getResult();
            boolean more = !page.isCompleteIteration();
            if (keys.isEmpty() && !more) {
                break;
            }
            if (deadline.isExpired()) {
                return new Result(sorted(best), true);
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
                List<String> counts = values.get();
                for (int i = 0; i < keys.size(); i++) {
                    String key = keys.get(i);
                    if (!key.startsWith(head) || !key.endsWith(tail) || key.length() <= head.length() + tail.length()) {
                        continue;
                    }
                    CollectorOutput scratch = new CollectorOutput();
                    OptionalLong count = Values.counter(counts.get(i), scratch, key);
                    badValues |= !scratch.ok();
                    if (count.isPresent() && count.getAsLong() > 0) {
                        offer(best, new SymbolCount(key.substring(head.length(), key.length() - tail.length()),
                                count.getAsLong()), n);
                    }
                }
            }
            if (!more) {
                break;
            }
            page = next.get();
        }
        if (badValues) {
            out.problem("some " + pattern + " keys do not hold integers");
        }
        return new Result(sorted(best), false);
    }

    private static void offer(PriorityQueue<SymbolCount> best, SymbolCount candidate, int n) {
        best.add(candidate);
        if (best.size() > n) {
            best.poll();
        }
    }

    private static List<SymbolCount> sorted(PriorityQueue<SymbolCount> best) {
        List<SymbolCount> list = new ArrayList<>(best);
        list.sort(SymbolCount.RANKING);
        return list;
    }
}
