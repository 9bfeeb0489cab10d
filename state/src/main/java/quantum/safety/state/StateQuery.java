package quantum.safety.state;

import java.util.Objects;
import java.util.Optional;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.StreamEntryID;

/**
 * What one read of the state asks Redis for.
 *
 * @param nowMillis     unix milliseconds on the Redis server's clock: decides the current bucket and the last hour
 * @param windowSeconds the kernel's rate window ({@link quantum.safety.kernel.KernelSetting#WINDOW}); buckets are
 *                      {@code floor(now / window)}
 * @param entriesAdded  whether the server reports {@code entries-added} (Redis 7.0+)
 * @param newestFaults  how many of the newest faults to read (at least 1 is read)
 * @param topSymbols    how many symbols per rate window to read
 * @param faultsSeen    the newest fault id the caller has seen, to count the faults appended since
 * @param readIntents   whether to read the trade-intent stream too (only the exporter shows it)
 * @param intentsSeen   the newest intent id the caller has seen, to count (and catch up on) the intents appended since
 */
public record StateQuery(RedisSchema schema, long nowMillis, int windowSeconds, boolean entriesAdded, int newestFaults,
                         int topSymbols, Optional<StreamEntryID> faultsSeen, boolean readIntents,
                         Optional<StreamEntryID> intentsSeen) {

    public StateQuery {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(faultsSeen, "faultsSeen");
        Objects.requireNonNull(intentsSeen, "intentsSeen");
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("window must be at least 1 second, got " + windowSeconds);
        }
        if (newestFaults < 0 || topSymbols < 0) {
            throw new IllegalArgumentException("newest faults and top symbols must be >= 0");
        }
    }

    /** A read of the kernel's state with the sizes of {@code limits}, no stream positions and no intents. */
    public static StateQuery of(RedisSchema schema, long nowMillis, StatusLimits limits, boolean entriesAdded) {
        return new StateQuery(schema, nowMillis, limits.windowSeconds(), entriesAdded, limits.lastFaults(),
                limits.topSymbols(), Optional.empty(), false, Optional.empty());
    }

    public StateQuery withFaultsSeen(Optional<StreamEntryID> seen) {
        return new StateQuery(schema, nowMillis, windowSeconds, entriesAdded, newestFaults, topSymbols, seen,
                readIntents, intentsSeen);
    }

    /** Reads the trade-intent stream too, counting the intents appended since {@code seen}. */
    public StateQuery withIntents(Optional<StreamEntryID> seen) {
        return new StateQuery(schema, nowMillis, windowSeconds, entriesAdded, newestFaults, topSymbols, faultsSeen,
                true, seen);
    }

    public StateQuery withTopSymbols(int n) {
        return new StateQuery(schema, nowMillis, windowSeconds, entriesAdded, newestFaults, n, faultsSeen,
                readIntents, intentsSeen);
    }

    /** The legacy bucket number of the current window. */
    public long currentBucket() {
        return RedisSchema.bucket(Math.floorDiv(nowMillis, 1000L), windowSeconds);
    }
}
