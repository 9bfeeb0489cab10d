package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * The index's background walks against a real Redis: when the thread runs, what it finds between reads, and a Redis
 * restarted in the middle of a walk. Windows of 1 s make the walks (one per window) come every second.
 */
class LegacyIndexWalkerTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static LegacySymbolIndex.Settings settings(Duration idleStop, UnaryOperator<Duration> pause) {
        return new LegacySymbolIndex.Settings(Duration.ZERO, idleStop, Duration.ofHours(1), 100_000, pause);
    }

    /** What the old kernel leaves for {@code count} intents of {@code symbol} in the second of {@code nowMillis}. */
    private static void legacy(Jedis jedis, long nowMillis, String symbol, long count) {
        long bucket = nowMillis / 1000;
        Pipeline p = jedis.pipelined();
        p.incrBy(SCHEMA.globalRate(bucket), count);
        p.incrBy(SCHEMA.symbolRate(symbol, bucket), count);
        p.sync();
    }

    private static void unrelated(Jedis jedis, int keys) {
        Pipeline p = jedis.pipelined();
        for (int i = 0; i < keys; i++) {
            p.set("other:service:key:" + i, "x");
        }
        p.sync();
    }

    private static RateWindow current(JedisPooled client, LegacySymbolIndex index, long nowMillis) {
        RateWindowsRead read;
        try (Pipeline pipeline = (Pipeline) client.pipelined()) {
            read = RateWindowsRead.queue(pipeline, SCHEMA, nowMillis, 1, 5, index);
            pipeline.sync();
        }
        return read.current(client, () -> false);
    }

    private static long scans(Jedis jedis) {
        return jedis.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_scan:"))
                .mapToLong(StateTestBase::callsOf).findFirst().orElse(0);
    }

    @Test
    void theThreadStartsOnTheFirstReadOfLegacyCountersAndStopsWhenIdleOrClosed() throws IOException {
        try (LocalRedis redis = LocalRedis.start(); Jedis jedis = redis.connect();
             JedisPooled client = new JedisPooled(redis.host(), redis.port())) {
            long now = System.currentTimeMillis();
            try (LegacySymbolIndex index = new LegacySymbolIndex(() -> new JedisPooled(redis.host(), redis.port()),
                    SCHEMA, settings(Duration.ofMillis(300), d -> d))) {
                assertThat(index.walking()).isFalse();
                legacy(jedis, now, "BTCUSDT", 3);
                assertThat(current(client, index, now).top()).containsExactly(new SymbolCount("BTCUSDT", 3));
                assertThat(index.walking()).isTrue();
                // No read needs it any more: it stops, and the next read that needs it starts it again.
                await().atMost(PATIENCE).until(() -> !index.walking());
                current(client, index, now);
                assertThat(index.walking()).isTrue();
                index.close();
                assertThat(index.walking()).isFalse();
            }
        }
    }

    @Test
    void aSymbolThatAppearsBetweenReadsIsFoundByTheBackgroundWalkAndReadWithoutAWalkOfTheReadsOwn()
            throws IOException {
        try (LocalRedis redis = LocalRedis.start(); Jedis jedis = redis.connect();
             JedisPooled client = new JedisPooled(redis.host(), redis.port())) {
            unrelated(jedis, 20_000);
            long now = System.currentTimeMillis() / 1000 * 1000;
            for (int i = 0; i < 100; i++) {
                legacy(jedis, now, "S" + i, i + 1);
            }
            LegacySymbolIndex index = new LegacySymbolIndex(() -> new JedisPooled(redis.host(), redis.port()),
                    SCHEMA, settings(Duration.ofMinutes(5), d -> Duration.ZERO));
            try (index) {
                assertThat(current(client, index, now).top()).first().isEqualTo(new SymbolCount("S99", 100));
                assertThat(index.size()).isEqualTo(100);

                legacy(jedis, now, "NEWUSDT", 1_000);
                await().atMost(PATIENCE).until(() -> index.size() == 101);
            }
            long scans = scans(jedis);
            RateWindow later = current(client, index, now);

            assertThat(later.top()).first().isEqualTo(new SymbolCount("NEWUSDT", 1_000));
            assertThat(later.scanTruncated()).isFalse();
            assertThat(scans(jedis)).isEqualTo(scans);
        }
    }

    @Test
    void aRedisRestartedInTheMiddleOfAWalkIsCountedAndTheNextWalkAfterItCompletes() throws IOException {
        try (LocalRedis redis = LocalRedis.start(); JedisPooled client = new JedisPooled(redis.host(), redis.port())) {
            long now = System.currentTimeMillis() / 1000 * 1000;
            try (Jedis jedis = redis.connect()) {
                unrelated(jedis, 10_000);
                legacy(jedis, now, "BTCUSDT", 3);
            }
            AtomicInteger calls = new AtomicInteger();
            long[] restartedAt = new long[1];
            UnaryOperator<Duration> restartAtTheThirdCall = took -> {
                if (calls.incrementAndGet() == 3) {
                    try {
                        redis.restart();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    restartedAt[0] = System.nanoTime();
                }
                return Duration.ZERO;
            };
            try (LegacySymbolIndex index = new LegacySymbolIndex(() -> new JedisPooled(redis.host(), redis.port()),
                    SCHEMA, settings(Duration.ofMinutes(5), restartAtTheThirdCall))) {
                assertThat(current(client, index, now).top()).containsExactly(new SymbolCount("BTCUSDT", 3));

                await().atMost(PATIENCE).until(() -> index.walkErrors() >= 1);
                assertThat(index.walking()).isTrue();
                // The restarted Redis came back empty; the old kernel writes again.
                try (Jedis jedis = redis.connect()) {
                    unrelated(jedis, 10_000);
                    legacy(jedis, now, "ETHUSDT", 7);
                }
                await().atMost(PATIENCE).until(() -> index.age()
                        .filter(age -> age.toNanos() < System.nanoTime() - restartedAt[0]).isPresent());

                // The reader's pooled connections broke with the restart too; it reconnects, as the exporter's does.
                try (JedisPooled reconnected = new JedisPooled(redis.host(), redis.port())) {
                    RateWindow after = current(reconnected, index, now);
                    assertThat(after.top()).containsExactly(new SymbolCount("ETHUSDT", 7));
                    assertThat(after.scanTruncated()).isFalse();
                }
            }
        }
    }
}
