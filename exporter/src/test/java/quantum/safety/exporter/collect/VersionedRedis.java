package quantum.safety.exporter.collect;

import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import quantum.safety.exporter.TestExporters;
import quantum.safety.process.LocalRedis;
import quantum.safety.state.RedisFeatures;
import redis.clients.jedis.Jedis;

/**
 * A private Redis of one line of versions, for what a collector does differently on it: a connection to seed it and
 * a harness that reads it with that line's features, all closed together.
 */
record VersionedRedis(LocalRedis server, Jedis jedis, CollectorHarness harness) implements AutoCloseable {

    /** redis-server from PATH, read as 7.x; the test is skipped when that server is older (tests carry the tool tag). */
    static VersionedRedis seven() throws IOException {
        VersionedRedis redis = start(LocalRedis.Source.PATH, RedisFeatures.REDIS_7);
        try {
            Assumptions.assumeTrue(RedisFeatures.fromInfo(redis.jedis.info("server")).entriesAdded(),
                    "redis-server on PATH is older than 7");
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /** The embedded Redis 6.2, read as 6.2. */
    static VersionedRedis sixTwo() throws IOException {
        return start(LocalRedis.Source.EMBEDDED, RedisFeatures.REDIS_6_2);
    }

    private static VersionedRedis start(LocalRedis.Source source, RedisFeatures features) throws IOException {
        LocalRedis server = LocalRedis.start(Optional.of(source));
        return new VersionedRedis(server, server.connect(),
                new CollectorHarness(server.host(), server.port(), features, TestExporters.NOW_MILLIS));
    }

    @Override
    public void close() {
        harness.close();
        jedis.close();
        server.close();
    }
}
