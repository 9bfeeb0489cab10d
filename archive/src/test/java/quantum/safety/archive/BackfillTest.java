package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

@ExtendWith({RedisExtension.class, PostgresExtension.class})
class BackfillTest {

    private static final int EVENTS = 100_000;

    @Test
    void aHundredThousandEventsBackfilledAreExactlyAHundredThousandRowsWithTheStreamsIds(TestRedis redis,
            TestPostgres postgres) throws Exception {
        try (Jedis jedis = redis.connect()) {
            Pipeline pipe = jedis.pipelined();
            for (int i = 0; i < EVENTS; i++) {
                pipe.xadd(Fixture.SCHEMA.auditStream(), XAddParams.xAddParams(), Fixture.audit(i));
                if (i % 10_000 == 9_999) {
                    pipe.sync();
                }
            }
            pipe.sync();
        }
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres), metrics,
                     1000))) {
            await().atMost(Duration.ofMinutes(5)).until(() -> metrics.events(ArchiveStream.AUDIT) >= EVENTS);
        }
        try (Jedis jedis = redis.connect()) {
            assertThat(Fixture.ids(postgres, ArchiveStream.AUDIT))
                    .isEqualTo(Fixture.streamIds(jedis, Fixture.SCHEMA.auditStream()));
        }
        assertThat(Fixture.rows(postgres, "")).isEqualTo(EVENTS);
        assertThat(Fixture.rows(postgres, "valid AND kind = 'KILL_ON'")).isEqualTo(EVENTS);
        assertThat(metrics.events(ArchiveStream.AUDIT)).isEqualTo(EVENTS);
    }
}
