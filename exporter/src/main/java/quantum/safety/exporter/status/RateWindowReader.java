package quantum.safety.exporter.status;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import quantum.safety.exporter.collect.CollectorOutput;
import quantum.safety.exporter.collect.Deadline;
import quantum.safety.exporter.collect.LegacySymbolScan;
import quantum.safety.exporter.collect.SymbolCount;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * One rate window: the global counter and the busiest symbols from the kernel's {@code safety:rate:top:<bucket>}
 * sorted set; the exporter's bounded SCAN over legacy per-symbol counters only when that set is missing while the
 * window saw intents (data from the old kernel).
 */
final class RateWindowReader {

    private final RedisSchema schema;
    private final StatusLimits limits;
    private final long bucket;
    private final Response<String> global;
    private final Response<List<Tuple>> ranking;

    /** Queues the window's reads on the shared pipeline. */
    RateWindowReader(AbstractPipeline pipeline, RedisSchema schema, StatusLimits limits, long bucket) {
        this.schema = schema;
        this.limits = limits;
        this.bucket = bucket;
        this.global = pipeline.get(schema.globalRate(bucket));
        this.ranking = pipeline.zrevrangeWithScores(schema.symbolRanking(bucket), 0, Math.max(0, limits.topSymbols() - 1));
    }

    RateWindow finish(UnifiedJedis redis, Deadline deadline, Problems problems) {
        String globalKey = schema.globalRate(bucket);
        OptionalLong count = problems.failed(global, "GET " + globalKey)
                ? OptionalLong.empty() : Numbers.count(global.get(), globalKey, problems);
        List<SymbolIntents> top = new ArrayList<>();
        boolean truncated = false;
        if (limits.topSymbols() > 0) {
            problems.reply(ranking, "ZREVRANGE " + schema.symbolRanking(bucket)).ifPresent(tuples ->
                    tuples.forEach(t -> top.add(new SymbolIntents(t.getElement(), (long) t.getScore()))));
            boolean sawIntents = count.isEmpty() || count.getAsLong() > 0;
            if (top.isEmpty() && sawIntents) {
                CollectorOutput out = new CollectorOutput();
                LegacySymbolScan.Result scanned = LegacySymbolScan.top(redis, schema, bucket, limits.topSymbols(),
                        deadline, out);
                out.problems().forEach(problems::add);
                for (SymbolCount c : scanned.top()) {
                    top.add(new SymbolIntents(c.symbol(), (long) c.count()));
                }
                truncated = scanned.truncated();
            }
        }
        return new RateWindow(bucket, limits.windowSeconds(), count, limits.globalMax(), limits.symbolMax(), top,
                truncated);
    }
}
