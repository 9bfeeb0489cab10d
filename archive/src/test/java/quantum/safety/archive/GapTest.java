package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/** A stream trimmed before the archive read it: the gap is counted, and what was delivered is stored. */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class GapTest {

    @Test
    void onRedis7AStreamTrimmedFasterThanArchivedCountsExactlyTheEntriesLost(TestRedis redis, TestPostgres postgres)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(redis.redisVersion().atLeast(7, 0),
                "needs Redis 7 (entries-added), this one is " + redis.version());
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        int written = 3000;
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Jedis jedis = redis.connect();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres), metrics,
                     5))) {
            await().atMost(Duration.ofSeconds(30)).until(running.archiver::ready);
            for (int i = 0; i < written; i++) {
                // exact trimming to 20 entries while the archiver reads 5 at a time: it falls behind and loses some
                jedis.xadd(Fixture.SCHEMA.faultStream(), XAddParams.xAddParams().maxLen(20).exactTrimming(),
                        Fixture.fault(i));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> 
                    jedis.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal() == 0
                    && undeliveredIsZero(jedis) && Fixture.rows(postgres, "") == metrics.events(ArchiveStream.FAULT));
        }
        assertThat(metrics.gaps(ArchiveStream.FAULT)).isPositive();
        assertThat(metrics.gapEvents(ArchiveStream.FAULT)).isPositive();
        assertThat(Fixture.rows(postgres, "") + metrics.gapEvents(ArchiveStream.FAULT))
                .as("rows %d, gaps %d, lost %d", Fixture.rows(postgres, ""), metrics.gaps(ArchiveStream.FAULT),
                        metrics.gapEvents(ArchiveStream.FAULT)).isEqualTo(written);
        assertThat(metrics.events(ArchiveStream.FAULT)).isEqualTo(Fixture.rows(postgres, ""));
    }

    @Test
    void onRedis7TheHistoryTrimmedBeforeTheArchiveStartedIsNoGapButATrimWhileItWasStoppedIs(TestRedis redis,
            TestPostgres postgres) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(redis.redisVersion().atLeast(7, 0),
                "needs Redis 7 (entries-added), this one is " + redis.version());
        try (Jedis jedis = redis.connect()) {
            Fixture.addFaults(jedis, 100);
            jedis.xtrim(Fixture.SCHEMA.faultStream(), 30, false);
        }
        ArchiveMetrics first = new ArchiveMetrics("test");
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres), first,
                     10))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.events(ArchiveStream.FAULT) == 30);
        }
        assertThat(first.gaps(ArchiveStream.FAULT)).isZero();
        try (Jedis jedis = redis.connect()) {
            Fixture.addFaults(jedis, 50);
            jedis.xtrim(Fixture.SCHEMA.faultStream(), 10, false);
        }
        ArchiveMetrics second = new ArchiveMetrics("test");
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres), second,
                     10))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.events(ArchiveStream.FAULT) == 10);
        }
        assertThat(second.gaps(ArchiveStream.FAULT)).isEqualTo(1);
        assertThat(second.gapEvents(ArchiveStream.FAULT)).isEqualTo(40);
        assertThat(Fixture.rows(postgres, "")).isEqualTo(40);
    }

    @Test
    void onRedis62AFirstEntryNewerThanTheLastArchivedIsAPossibleGapOfUnknownSize(TestPostgres postgres)
            throws Exception {
        try (LocalRedis redis = LocalRedis.start(Optional.of(LocalRedis.Source.EMBEDDED));
             Jedis jedis = redis.connect()) {
            assertThat(jedis.info("server")).contains("redis_version:6.2");
            Fixture.addFaults(jedis, 20);
            ArchiveMetrics first = new ArchiveMetrics("test");
            try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
                 Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres),
                         first, 10))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> first.events(ArchiveStream.FAULT) == 20);
            }
            assertThat(first.gaps(ArchiveStream.FAULT)).isZero();
            Fixture.addFaults(jedis, 50);
            jedis.xtrim(Fixture.SCHEMA.faultStream(), 10, false);
            ArchiveMetrics second = new ArchiveMetrics("test");
            try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
                 Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres),
                         second, 10))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> second.events(ArchiveStream.FAULT) == 10);
            }
            assertThat(second.gaps(ArchiveStream.FAULT)).isEqualTo(1);
            assertThat(second.gapEvents(ArchiveStream.FAULT)).isZero();
            assertThat(Fixture.rows(postgres, "")).isEqualTo(30);
        }
    }

    private static boolean undeliveredIsZero(Jedis jedis) {
        var group = jedis.xinfoGroups(Fixture.SCHEMA.faultStream()).get(0);
        return jedis.xrange(Fixture.SCHEMA.faultStream(), "(" + group.getLastDeliveredId(), "+").isEmpty();
    }
}
