package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.process.LocalPostgres;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** Redis and PostgreSQL going away and coming back while the archive runs. */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class OutageTest {

    @Test
    void aRedisThatRestartsEmptyLosesItsStreamAndGroupAndTheArchiveGoesOnWithTheNewOnes(TestPostgres postgres)
            throws Exception {
        archiveAcrossARedisRestart(postgres, false);
    }

    @Test
    void aRedisThatRestartsWithItsDataKeepsStreamAndGroupAndNothingIsStoredTwice(TestPostgres postgres)
            throws Exception {
        archiveAcrossARedisRestart(postgres, true);
    }

    private static void archiveAcrossARedisRestart(TestPostgres postgres, boolean persistent) throws Exception {
        String[] args = persistent ? new String[] {"--appendonly", "yes", "--appendfsync", "always"} : new String[0];
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        List<StreamId> written = new ArrayList<>();
        try (LocalRedis redis = LocalRedis.start(args);
             UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres), metrics,
                     10))) {
            try (Jedis jedis = redis.connect()) {
                written.addAll(Fixture.addFaults(jedis, 40));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.events(ArchiveStream.FAULT) == 40);
            if (persistent) {
                redis.stop();
            } else {
                redis.kill();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !metrics.redisUp());
            redis.restart();
            try (Jedis jedis = redis.connect()) {
                // the archiver may already have made the stream again (MKSTREAM), empty when Redis lost it
                assertThat(jedis.xlen(Fixture.SCHEMA.faultStream())).isEqualTo(persistent ? 40 : 0);
                written.addAll(Fixture.addFaults(jedis, 25));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.rows(postgres, "") == 65
                    && client.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal() == 0);
        }
        assertThat(Fixture.ids(postgres, ArchiveStream.FAULT)).isEqualTo(written);
        assertThat(metrics.events(ArchiveStream.FAULT)).isEqualTo(65);
        assertThat(metrics.gaps(ArchiveStream.FAULT)).isZero();
    }

    @Test
    void whilePostgresIsDownNothingIsAcknowledgedAndAfterItAllIsStored(TestRedis redis, TestPostgres postgres)
            throws Exception {
        LocalPostgres server = postgres.server().orElseThrow();
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        List<StreamId> written = new ArrayList<>();
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Jedis jedis = redis.connect();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres), metrics,
                     10))) {
            written.addAll(Fixture.addFaults(jedis, 15));
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.events(ArchiveStream.FAULT) == 15);
            try {
                server.stop();
                written.addAll(Fixture.addFaults(jedis, 35));
                await().atMost(Duration.ofSeconds(30)).until(() -> !metrics.postgresUp()
                        && jedis.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal() > 0);
                assertThat(running.archiver.ready()).isFalse();
                long acknowledgedWhileDown = jedis.xlen(Fixture.SCHEMA.faultStream()) - 15
                        - jedis.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal()
                        - undelivered(jedis);
                assertThat(acknowledgedWhileDown).isZero();
                assertThat(metrics.events(ArchiveStream.FAULT)).isEqualTo(15);
            } finally {
                server.start(java.util.Map.of("fsync", "off"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> metrics.events(ArchiveStream.FAULT) == 50
                    && jedis.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal() == 0);
            await().atMost(Duration.ofSeconds(10)).until(running.archiver::ready);
        }
        assertThat(Fixture.ids(postgres, ArchiveStream.FAULT)).isEqualTo(written);
    }

    /** Entries after the group's last delivered id. */
    private static long undelivered(Jedis jedis) {
        var group = jedis.xinfoGroups(Fixture.SCHEMA.faultStream()).get(0);
        return jedis.xrange(Fixture.SCHEMA.faultStream(), "(" + group.getLastDeliveredId(), "+").size();
    }
}
