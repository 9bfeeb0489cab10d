package quantum.safety.exporter.collect;

import java.util.Objects;

import quantum.safety.exporter.redis.RedisFeatures;
import quantum.safety.kernel.RedisSchema;

/**
 * What one collection knows before it asks Redis anything: the key names, "now" on Redis' clock, the kernel's window,
 * what the server supports, and the deadline.
 *
 * @param nowMillis     unix milliseconds on the Redis server's clock (or the injected clock in tests)
 * @param windowSeconds the kernel's rate window ({@code SAFETY_WINDOW_SEC}); buckets are {@code floor(now / window)}
 */
public record CollectContext(RedisSchema schema, long nowMillis, int windowSeconds, RedisFeatures features,
                             Deadline deadline) {

    public CollectContext {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(deadline, "deadline");
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("window must be at least 1 second, got " + windowSeconds);
        }
    }

    /** The legacy bucket number of the current window. */
    public long currentBucket() {
        return RedisSchema.bucket(Math.floorDiv(nowMillis, 1000L), windowSeconds);
    }
}
