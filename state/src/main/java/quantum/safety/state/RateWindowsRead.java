package quantum.safety.state;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The current and the previous rate window, queued together and finished together, so that the legacy counter scan
 * (the one read whose cost grows with the keyspace) walks the keyspace once for both.
 */
final class RateWindowsRead {

    private final RedisSchema schema;
    private final RateWindowReader current;
    private final RateWindowReader previous;
    private RateWindow currentWindow;
    private RateWindow previousWindow;

    private RateWindowsRead(RedisSchema schema, RateWindowReader current, RateWindowReader previous) {
        this.schema = schema;
        this.current = current;
        this.previous = previous;
    }

    /** Queues the window of {@code nowMillis} and the one before it. */
    static RateWindowsRead queue(AbstractPipeline pipeline, RedisSchema schema, long nowMillis, int windowSeconds,
                                 int topSymbols) {
        long bucket = RedisSchema.bucket(Math.floorDiv(nowMillis, 1000L), windowSeconds);
        return new RateWindowsRead(schema,
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
        Map<Long, LegacySymbolScan.Result> scanned = Map.of();
        String refused = null;
        if (!buckets.isEmpty()) {
            try {
                scanned = LegacySymbolScan.top(redis, schema, buckets, current.topSymbols(), budget);
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
