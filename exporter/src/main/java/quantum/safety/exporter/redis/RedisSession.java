package quantum.safety.exporter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.kernel.log.RateLimitedLog;
import quantum.safety.state.RedisClock;
import quantum.safety.state.RedisFeatures;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The exporter's one long-lived, pooled Redis client, with what it learns about the server.
 *
 * <ul>
 *   <li>After a connection failure the client is closed (its pooled connections are broken anyway) and the next one
 *       is opened only after a {@link Backoff}: scrapes meanwhile answer at once with {@code redis_up 0}.</li>
 *   <li>Server features are detected once per connection (one extra round trip after each (re)connect).</li>
 *   <li>"Now" follows the Redis server's clock, like the kernel's buckets do: each collection's pipeline carries a
 *       TIME whose offset from the local clock is used by the next collection.</li>
 * </ul>
 */
public final class RedisSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSession.class);

    private final Supplier<UnifiedJedis> opener;
    private final Backoff backoff;
    private final Clock clock;
    private final boolean followRedisClock;
    private final boolean cluster;
    private final RateLimitedLog log = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);
    private UnifiedJedis client;
    private RedisFeatures features;
    private boolean closed;
    private volatile long offsetMillis;
    private volatile long lastErrorMillis;

    /**
     * @param opener           opens a pooled client (connections are made lazily)
     * @param clock            the local clock
     * @param followRedisClock whether to correct the local clock by the Redis server's TIME; false with a fixed clock
     */
    public RedisSession(Supplier<UnifiedJedis> opener, Backoff backoff, Clock clock, boolean followRedisClock) {
        this(opener, backoff, clock, followRedisClock, false);
    }

    /**
     * @param cluster Redis Cluster: keyless commands (INFO, TIME) cannot be routed in a cluster pipeline, so the local
     *                clock is used and the Redis 6.2 paths are taken
     */
    public RedisSession(Supplier<UnifiedJedis> opener, Backoff backoff, Clock clock, boolean followRedisClock,
                        boolean cluster) {
        this.opener = opener;
        this.backoff = backoff;
        this.clock = clock;
        this.followRedisClock = followRedisClock && !cluster;
        this.cluster = cluster;
    }

    /** The client to use now. */
    public synchronized UnifiedJedis client() {
        if (closed) {
            throw new RedisUnavailableException("the exporter is shutting down");
        }
        if (!backoff.mayAttempt()) {
            throw new RedisUnavailableException("Redis failed recently; next attempt in " + backoff.remaining().toMillis() + " ms");
        }
        if (client == null) {
            client = opener.get();
        }
        return client;
    }

    /** The server's features, detected with {@code INFO server} (and TIME) on first use after a (re)connect. */
    public RedisFeatures features(UnifiedJedis jedis) {
        synchronized (this) {
            if (features != null && jedis == client) {
                return features;
            }
        }
        RedisFeatures detected;
        if (cluster) {
            detected = RedisFeatures.unknown();
        } else {
            detected = detect(jedis);
        }
        synchronized (this) {
            if (jedis == client) {
                features = detected;
            }
        }
        LOG.info("Redis server version {} (entries-added {})", detected.version(),
                detected.entriesAdded() ? "available" : "not available: using the Redis 6.2 fallbacks");
        return detected;
    }

    private RedisFeatures detect(UnifiedJedis jedis) {
        RedisFeatures detected;
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            Response<Object> info = pipeline.sendCommand(Protocol.Command.INFO, "server");
            Response<Object> time = queueTime(pipeline);
            long sent = clock.millis();
            pipeline.sync();
            observeTime(time, sent, clock.millis());
            detected = readInfo(info);
        }
        return detected;
    }

    private RedisFeatures readInfo(Response<Object> info) {
        try {
            return RedisFeatures.fromInfo(new String((byte[]) info.get(), StandardCharsets.UTF_8));
        } catch (JedisDataException e) {
            log.warn("info-refused", "Redis refused INFO (" + e.getMessage() + "); assuming Redis 6.2 features. "
                    + "Grant the exporter's ACL user +info to use entries-added on Redis 7+");
            return RedisFeatures.unknown();
        }
    }

    /** Queues a TIME on a collection's pipeline, or returns null when the local clock is authoritative. */
    public Response<Object> queueTime(AbstractPipeline pipeline) {
        return followRedisClock ? RedisClock.queue(pipeline) : null;
    }

    /** Learns the offset between the local clock and Redis' from a TIME reply sent and received at these instants. */
    public void observeTime(Response<Object> time, long sentMillis, long receivedMillis) {
        if (time == null) {
            return;
        }
        OptionalLong redisMillis;
        try {
            redisMillis = RedisClock.millis(time.get());
        } catch (JedisDataException e) {
            log.warn("time", "cannot read Redis TIME (" + e.getMessage() + "); using the local clock");
            return;
        }
        if (redisMillis.isPresent()) {
            offsetMillis = redisMillis.getAsLong() - (sentMillis + receivedMillis) / 2;
        } else {
            log.warn("time", "Redis TIME answered something else than a time; using the local clock");
        }
    }

    /** Unix milliseconds on the Redis server's clock (the local clock when it is not followed). */
    public long nowMillis() {
        return clock.millis() + offsetMillis;
    }

    /** Unix milliseconds on the local clock. */
    public long localMillis() {
        return clock.millis();
    }

    public void succeeded() {
        backoff.succeeded();
    }

    /** A Redis call failed at the connection level: drop the client and back off before the next attempt. */
    public void failed(RuntimeException cause) {
        UnifiedJedis broken;
        synchronized (this) {
            backoff.failed();
            lastErrorMillis = clock.millis();
            features = null;
            broken = client;
            client = null;
        }
        log.warn("failed", "Redis call failed; reconnecting after " + backoff.remaining().toMillis() + " ms", cause);
        closeQuietly(broken);
    }

    /** Unix seconds of the last connection-level failure; 0 if none. */
    public double lastErrorEpochSeconds() {
        return lastErrorMillis / 1000.0;
    }

    public Duration backoffRemaining() {
        return backoff.remaining();
    }

    /** One PING, for {@code /-/ready}; respects the backoff. */
    public boolean ping() {
        try {
            UnifiedJedis jedis = client();
            boolean pong = "PONG".equalsIgnoreCase(jedis.ping());
            if (pong) {
                succeeded();
            }
            return pong;
        } catch (RedisUnavailableException e) {
            return false;
        } catch (JedisDataException e) {
            return false;
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    @Override
    public void close() {
        UnifiedJedis toClose;
        synchronized (this) {
            closed = true;
            toClose = client;
            client = null;
        }
        closeQuietly(toClose);
    }

    private static void closeQuietly(UnifiedJedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // a broken pool may fail to close; it is unreachable either way
            }
        }
    }
}
