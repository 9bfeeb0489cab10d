package quantum.safety.kernel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** A decision's deadline bounds its reads and never leaks into what else the service does with the same client. */
class DeadlineConnectionTest {

    @Test
    void aBlockingCommandAfterADecisionOnTheSameConnectionWaitsForItsOwnTimeout() throws Exception {
        Duration deadline = Duration.ofMillis(100);
        try (LocalRedis redis = LocalRedis.start();
             UnifiedJedis client = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                     RedisCredentials.none()).maxConnections(1).forDecisions(deadline).open()) {
            // A decision's read lowers the connection's timeout to what is left of its deadline.
            DecisionDeadline.within(System.nanoTime() + deadline.toNanos(), () -> client.get("nothing"));
            // The one connection again, for a BLPOP that outlasts the deadline: it ends by its own timeout, empty.
            assertThat(client.blpop(1, "empty:list")).isNull();
            assertThat(client.get("nothing")).isNull();
        }
    }

    @Test
    void aReadPastTheDecisionDeadlineFailsAtOnceAndItsConnectionIsNotReused() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             UnifiedJedis client = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                     RedisCredentials.none()).maxConnections(1).forDecisions(Duration.ofSeconds(5)).open()) {
            client.set("k", "v");

            assertThatThrownBy(() -> DecisionDeadline.within(System.nanoTime() - 1, () -> client.get("k")))
                    .isInstanceOf(JedisConnectionException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class)
                    .hasRootCauseMessage("the decision deadline passed");
            // The reply left unread went away with its connection: the pool's one slot holds a fresh connection.
            assertThat(client.get("k")).isEqualTo("v");
            assertThat(DecisionDeadline.within(System.nanoTime() + Duration.ofSeconds(5).toNanos(), () -> client.get("k")))
                    .isEqualTo("v");
        }
    }

    /**
     * Only the deadline can end this read: the client's own socket timeout (5 s) is longer than the stall (2 s), so
     * without the deadline the GET would wait the stall out and succeed.
     */
    @Test
    void aStalledReadEndsWithTheDecisionDeadlineNotTheSocketTimeout() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             UnifiedJedis client = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                     RedisCredentials.none()).connectTimeout(Duration.ofSeconds(5)).maxConnections(1)
                     .forDecisions(Duration.ofSeconds(5)).open();
             Jedis admin = redis.connect()) {
            admin.set("k", "v");
            assertThat(client.get("k")).isEqualTo("v");
            admin.clientPause(2000);

            assertThatThrownBy(() -> DecisionDeadline.within(System.nanoTime() + Duration.ofMillis(100).toNanos(),
                    () -> client.get("k"))).isInstanceOf(JedisConnectionException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
            // Outside a decision the same client waits the stall out, with its own timeout.
            assertThat(client.get("k")).isEqualTo("v");
        }
    }
}
