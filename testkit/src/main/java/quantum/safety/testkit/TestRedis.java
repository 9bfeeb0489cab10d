package quantum.safety.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/** The Redis a test talks to: where it is, and a way to open a plain connection to it. */
public final class TestRedis implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final String host;
    private final int port;
    private final LocalRedis owned;

    TestRedis(String host, int port, LocalRedis owned) {
        this.host = host;
        this.port = port;
        this.owned = owned;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code redis://host:port}. */
    public String uri() {
        return "redis://" + host + ":" + port;
    }

    /** A fresh, unpooled connection; the caller closes it. */
    public Jedis connect() {
        return new Jedis(host, port);
    }

    /** The major.minor version the server reports, e.g. "7.0" or "6.2", for messages; compare {@link #redisVersion()}. */
    public String version() {
        return redisVersion().majorMinor();
    }

    /** The version the server reports, as numbers. */
    public RedisVersion redisVersion() {
        try (Jedis jedis = connect()) {
            return RedisVersion.of(jedis);
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return uri();
    }
}
