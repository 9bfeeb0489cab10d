package quantum.safety.state;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The current and the previous rate window, queued together and finished together, so that the legacy counters (read
 * only when a window has no ranking) are read once for both: through the caller's {@link LegacySymbolIndex} when it
 * has one, else by the scan, whose walk of the keyspace then covers both.
 */
final class RateWindowsRead {

    private final RedisSchema schema;
    private final long nowMillis;
    private final int windowSeconds;
    private final LegacySymbolIndex index;
    private final RateWindowReader current;
    private final RateWindowReader previous;
    private RateWindow currentWindow;
    private RateWindow previousWindow;

    private RateWindowsRead(RedisSchema schema, long nowMillis, int windowSeconds, LegacySymbolIndex index,
                            RateWindowReader current, RateWindowReader previous) {
        this.schema = schema;
        this.nowMillis = nowMillis;
        this.windowSeconds = windowSeconds;
        this.index = index;
        this.current = current;
        this.previous = previous;
    }

    /** Queues the window of {@code nowMillis} and the one before it; legacy counters, if needed, by a scan. */
    static RateWindowsRead queue(AbstractPipeline pipeline, RedisSchema schema, long nowMillis, int windowSeconds,
                                 int topSymbols) {
        return queue(pipeline, schema, nowMillis, windowSeconds, topSymbols, null);
    }

    /** As {@link #queue(AbstractPipeline, RedisSchema, long, int, int)}, reading legacy counters through {@code index}. */
    static RateWindowsRead queue(AbstractPipeline pipeline, RedisSchema schema, long nowMillis, int windowSeconds,
                                 int topSymbols, LegacySymbolIndex index) {
        long bucket = RedisSchema.bucket(Math.floorDiv(nowMillis, 1000L), windowSeconds);
        return new RateWindowsRead(schema, nowMillis, windowSeconds, index,
                RateWindowReader.queue(pipeline, schema, bucket, windowSeconds, topSymbols),
                RateWindowReader.queue(pipeline, schema, bucket - 1, windowSeconds, topSymbols));
    }

    RateWindow current(UnifiedJedis redis, ReadBudget budget) {
        finish(redis, budget);
        return currentWindow;
    }

    RateWindow previous(UnifiedJedis redis, ReadBudget budget) {
        finish(redis, budget);
        return previousWindow;
    }

    private void finish(UnifiedJedis redis, ReadBudget budget) {
        if (currentWindow != null) {
            return;
        }
        current.readReplies();
        previous.readReplies();
        Set<Long> buckets = new LinkedHashSet<>();
        for (RateWindowReader window : new RateWindowReader[] {current, previous}) {
            if (window.needsScan()) {
                buckets.add(window.bucket());
            }
        }
        Map<Long, LegacyTop> scanned = Map.of();
        String refused = null;
        if (!buckets.isEmpty()) {
            try {
                scanned = index != null
                        ? index.top(redis, buckets, current.topSymbols(), nowMillis, windowSeconds, budget)
                        : LegacySymbolScan.top(redis, schema, buckets, current.topSymbols(), budget);
            } catch (JedisDataException e) {
                // An ACL that refuses SCAN or MGET: the windows that needed the scan say so, nothing is thrown.
                refused = "SCAN " + schema.symbolRatePattern(current.bucket()) + ": "
                        + Problems.firstLine(e.getMessage());
            }
        }
        currentWindow = current.finish(scanned.get(current.bucket()), refused);
        previousWindow = previous.finish(scanned.get(previous.bucket()), refused);
    }
}
