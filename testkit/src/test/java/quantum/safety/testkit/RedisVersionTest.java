package quantum.safety.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.Jedis;

@ExtendWith(RedisExtension.class)
class RedisVersionTest {

    @Test
    void versionsCompareAsNumbersNotAsStrings() {
        // As strings "10.0" < "7.0" and "6.10" < "6.2"; as versions both are the other way round.
        assertThat(RedisVersion.parse("10.0.1")).isGreaterThan(RedisVersion.parse("7.0.15"));
        assertThat(RedisVersion.parse("6.10.0")).isGreaterThan(RedisVersion.parse("6.2.14"));
        assertThat(RedisVersion.parse("10.0.0").atLeast(7, 0)).isTrue();
        assertThat(RedisVersion.parse("6.2.6").atLeast(7, 0)).isFalse();
        assertThat(RedisVersion.parse("7.0.0").atLeast(7, 0)).isTrue();
        assertThat(RedisVersion.parse("7.2")).isEqualTo(new RedisVersion(7, 2, 0));
        assertThat(RedisVersion.parse("8.0.0-rc1")).isEqualTo(new RedisVersion(8, 0, 0));
        assertThatThrownBy(() -> RedisVersion.parse("weird")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theServerSaysWhichVersionItIs(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            RedisVersion version = RedisVersion.of(jedis);
            assertThat(version.atLeast(6, 2)).as("%s", version).isTrue();
            assertThat(jedis.info("server")).contains("redis_version:" + version.majorMinor());
            assertThat(redis.redisVersion()).isEqualTo(version);
        }
    }
}
