package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisFeaturesTest {

    @Test
    void entriesAddedExistsFromRedis7() {
        assertThat(RedisFeatures.fromInfo("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n").entriesAdded())
                .isTrue();
        assertThat(RedisFeatures.fromInfo("# Server\r\nredis_version:6.2.6\r\n").entriesAdded()).isFalse();
        assertThat(RedisFeatures.fromInfo("redis_version:10.1.0").entriesAdded()).isTrue();
    }

    @Test
    void anUnreadableVersionUsesTheFallbacks() {
        assertThat(RedisFeatures.fromInfo("nothing useful")).isEqualTo(RedisFeatures.unknown());
        assertThat(RedisFeatures.fromInfo("redis_version:weird").entriesAdded()).isFalse();
    }
}
