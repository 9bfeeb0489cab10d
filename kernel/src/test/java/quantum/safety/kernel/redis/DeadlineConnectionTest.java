package quantum.safety.kernel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import quantum.safety.testkit.LocalRedis;
import redis.clients.jedis.UnifiedJedis;

/** The deadline of a decision must not leak into what else the service does with the same client. */
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
}
