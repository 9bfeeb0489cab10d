package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/** The Redis ACL docs/operations.md gives the archive's user is enough, and no more is used. */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class RedisAclTest {

    static final String ACL = "~quantum:stream:safety.fault ~quantum:stream:safety.audit +xreadgroup +xread +xack "
            + "+xgroup +xinfo +xrange +xlen +xpending +multi +exec +time +ping +client";

    @Test
    void theArchiveRunsWithOnlyTheStreamCommandsOnTheStreamKeys(TestRedis redis, TestPostgres postgres)
            throws Exception {
        String user = "archive-" + Long.toHexString(System.nanoTime());
        try (Jedis jedis = redis.connect()) {
            jedis.sendCommand(Protocol.Command.ACL, ("SETUSER " + user + " on >pw " + ACL)
                    .split(" "));
            Fixture.addFaults(jedis, 8);
        }
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://" + user + "@" + redis.host() + ":" + redis.port());
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        try (UnifiedJedis client = RedisConnector.to(endpoint, RedisCredentials.ofPassword("pw"))
                .socketTimeout(Duration.ofSeconds(3)).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, Fixture.target(postgres),
                     metrics, 5))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.events(ArchiveStream.FAULT) == 8);
            await().atMost(Duration.ofSeconds(10)).until(running.archiver::ready);
        } finally {
            try (Jedis jedis = redis.connect()) {
                jedis.sendCommand(Protocol.Command.ACL, "DELUSER", user);
            }
        }
        assertThat(metrics.collect().stream().filter(m -> m.getMetadata().getName()
                .equals("quantum_safety_archive_errors")).findFirst().orElseThrow().getDataPoints())
                .extracting(p -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) p)
                        .getValue()).containsOnly(0.0);
    }
}
