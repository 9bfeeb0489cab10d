package quantum.safety.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class LocalRedisTest {

    @Test
    void embeddedBinaryIsRedis62() throws Exception {
        try (LocalRedis redis = LocalRedis.start(Optional.of(LocalRedis.Source.EMBEDDED));
             Jedis jedis = redis.connect()) {
            assertThat(jedis.info("server")).contains("redis_version:6.2");
        }
    }

    @Test
    void killLosesTheServerAndRestartBringsItBackEmptyOnTheSamePort() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            int port = redis.port();
            try (Jedis jedis = redis.connect()) {
                jedis.set("k", "v");
            }
            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> {
                try (Jedis jedis = redis.connect()) {
                    jedis.ping();
                }
            }).isInstanceOf(JedisConnectionException.class);

            redis.restart();
            assertThat(redis.port()).isEqualTo(port);
            try (Jedis jedis = redis.connect()) {
                assertThat(jedis.get("k")).isNull();
            }
        }
    }
}
