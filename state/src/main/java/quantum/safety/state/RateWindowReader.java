package quantum.safety.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * Reads one {@link RateWindow}: the global counter and the busiest symbols from the kernel's per-bucket sorted set
 * {@code safety:rate:top:<bucket>} (one ZREVRANGE, whatever the keyspace). When that set is absent while the window
 * saw intents (data from the old kernel), the symbols come from the legacy per-symbol counters, which
 * {@link RateWindowsRead} reads once for both windows ({@link LegacySymbolIndex} or {@link LegacySymbolScan}).
 */
final class RateWindowReader {

    private final RedisSchema schema;
    private final String globalKey;
    private final String rankingKey;
    private final long bucket;
    private final int windowSeconds;
    private final int topSymbols;
    private final Response<String> global;
    private final Response<List<Tuple>> ranking;
    private final Problems problems = new Problems();
    private OptionalLong globalCount;
    private final List<SymbolCount> top = new ArrayList<>();
    private boolean rankingRead;

    private RateWindowReader(AbstractPipeline pipeline, RedisSchema schema, long bucket, int windowSeconds,
                             int topSymbols) {
        this.schema = schema;
        this.globalKey = schema.globalRate(bucket);
        this.rankingKey = schema.symbolRanking(bucket);
        this.bucket = bucket;
        this.windowSeconds = windowSeconds;
        this.topSymbols = topSymbols;
        this.global = pipeline.get(globalKey);
        this.ranking = topSymbols > 0 ? pipeline.zrevrangeWithScores(rankingKey, 0, topSymbols - 1) : null;
    }

    static RateWindowReader queue(AbstractPipeline pipeline, RedisSchema schema, long bucket, int windowSeconds,
                                  int topSymbols) {
        return new RateWindowReader(pipeline, schema, bucket, windowSeconds, topSymbols);
    }

    long bucket() {
        return bucket;
    }

    /** Reads the replies; call once, before {@link #needsScan()} and {@link #finish}. */
    void readReplies() {
        globalCount = problems.failed(global, "GET " + globalKey)
                ? OptionalLong.empty() : Numbers.counter(global.get(), globalKey, problems);
        rankingRead = ranking == null || !problems.failed(ranking, "ZREVRANGE " + rankingKey);
        if (ranking != null && rankingRead) {
            ranking.get().forEach(t -> top.add(new SymbolCount(t.getElement(), t.getScore())));
        }
    }

    /** No ranking although the window saw intents (or its count is unreadable): only legacy counters can tell. */
    boolean needsScan() {
        boolean sawIntents = globalCount.isEmpty() || globalCount.getAsLong() > 0;
        return ranking != null && rankingRead && top.isEmpty() && sawIntents;
    }

    int topSymbols() {
        return topSymbols;
    }

    /**
     * @param scanned what the legacy counters gave for this window, when it needed them
     * @param refused why Redis refused to read them, or null
     */
    RateWindow finish(LegacyTop scanned, String refused) {
        boolean truncated = false;
        Optional<Duration> indexAge = Optional.empty();
        if (needsScan() && refused != null) {
            problems.add(refused);
            truncated = true;
        }
        if (scanned != null) {
            top.addAll(scanned.top());
            truncated = scanned.truncated();
            indexAge = scanned.indexAge();
            if (scanned.badValues()) {
                problems.add("some " + schema.symbolRatePattern(bucket) + " keys do not hold integers");
            }
        }
        top.sort(SymbolCount.RANKING);
        // A missing counter next to symbol counts of the same window has expired before them; 0 would be a lie.
        boolean expired = !top.isEmpty() && Problems.error(global) == null && global.get() == null;
        return new RateWindow(bucket, windowSeconds, expired ? OptionalLong.empty() : globalCount, expired,
                rankingRead, top, truncated, indexAge, problems.lines());
    }
}
