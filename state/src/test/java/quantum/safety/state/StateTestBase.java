package quantum.safety.state;

import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/** A reader test: a real, empty Redis, a pooled client on it, and the way a read runs (queue, sync, finish). */
@ExtendWith(RedisExtension.class)
abstract class StateTestBase {

    static final RedisSchema SCHEMA = RedisSchema.legacy();
    /** "Now" of the tests that fix it: 2026-01-19T03:00:00Z. */
    static final long NOW_MILLIS = 1_768_791_600_000L;
    static final ReadBudget UNLIMITED = () -> false;

    protected TestRedis redis;
    protected JedisPooled client;

    @BeforeEach
    void connect(TestRedis testRedis) {
        redis = testRedis;
        client = new JedisPooled(redis.host(), redis.port());
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    /** Queues a reader on a fresh pipeline and syncs it, as a read does. */
    <R> R queued(Function<AbstractPipeline, R> reader) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            R queued = reader.apply(pipeline);
            pipeline.sync();
            return queued;
        }
    }

    /** The {@code calls=} field of a commandstats line (not {@code failed_calls=}, which Redis 7 adds after it). */
    static long callsOf(String line) {
        return Long.parseLong(line.replaceFirst("^cmdstat_[^:]+:calls=(\\d+),.*$", "$1"));
    }

    Jedis jedis() {
        return redis.connect();
    }

    /** Calls of one command so far, from INFO commandstats (0 before the first). */
    long calls(String command) {
        try (Jedis jedis = redis.connect()) {
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_" + command + ":")) {
                    return callsOf(line);
                }
            }
            return 0;
        }
    }
}
