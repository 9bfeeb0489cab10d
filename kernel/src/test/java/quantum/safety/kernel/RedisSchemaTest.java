package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisSchemaTest {

    @Test
    void legacyPrefixGivesTheLegacyKeyNames() {
        RedisSchema schema = RedisSchema.legacy();

        assertThat(schema.safeMode()).isEqualTo("quantum:safety:safe_mode");
        assertThat(schema.globalRate(176878410)).isEqualTo("quantum:safety:rate:global:176878410");
        assertThat(schema.symbolRate("BTCUSDT", 176878410)).isEqualTo("quantum:safety:rate:symbol:BTCUSDT:176878410");
        assertThat(RedisSchema.bucket(1768784108, 10)).isEqualTo(176878410);
    }

    @Test
    void hashTagFollowsRedisClusterRules() {
        assertThat(RedisSchema.withPrefix("{quantum}:").hasHashTag()).isTrue();
        assertThat(RedisSchema.withPrefix("prod:{q}:").hasHashTag()).isTrue();
        assertThat(RedisSchema.legacy().hasHashTag()).isFalse();
        assertThat(RedisSchema.withPrefix("{}quantum:").hasHashTag()).isFalse();
        assertThat(RedisSchema.withPrefix("{quantum:").hasHashTag()).isFalse();
    }
}
