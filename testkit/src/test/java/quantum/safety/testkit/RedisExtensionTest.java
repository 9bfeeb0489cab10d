package quantum.safety.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.Jedis;

@ExtendWith(RedisExtension.class)
class RedisExtensionTest {

    @Test
    void givesARealRedisThatAnswersCommands(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            jedis.set("k", "v");
            assertThat(jedis.get("k")).isEqualTo("v");
            assertThat(jedis.incr("counter")).isEqualTo(1L);
        }
    }

    @Test
    void startsEveryTestWithAnEmptyDatabase(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.dbSize()).isZero();
            jedis.set("left-behind", "x");
        }
    }

    @Test
    void reportsItsVersion(TestRedis redis) {
        assertThat(redis.version()).matches("\\d+\\.\\d+");
    }
}
