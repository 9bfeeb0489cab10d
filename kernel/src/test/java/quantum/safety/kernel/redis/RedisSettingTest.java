package quantum.safety.kernel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RedisSettingTest {

    @Test
    void theLegacyNamesAreTheLegacyExportersThree() {
        assertThat(Arrays.stream(RedisSetting.values()).flatMap(r -> r.setting().legacyEnv().stream()))
                .containsExactly("REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD");
    }

    @Test
    void thePasswordHasNoFlagAndTheAddressDefaultsToTheLegacyHostAndPort() {
        assertThat(RedisSetting.PASSWORD.setting().flag()).isEmpty();
        assertThat(RedisSetting.ADDR.setting().shownDefault()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(RedisSetting.ADDR.setting().help()).contains("REDIS_HOST", "REDIS_PORT");
        assertThat(RedisSetting.PASSWORD_FILE.setting().help()).contains("QUANTUM_SAFETY_REDIS_PASSWORD", "REDIS_PASSWORD");
    }

    @Test
    void messagesAboutThePasswordNameItsSources() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RedisEndpoint.parse("redis://u:p@h:6379")))
                .hasMessage("Redis address must not carry a password; set REDIS_PASSWORD (or "
                        + "QUANTUM_SAFETY_REDIS_PASSWORD) or use --redis.password-file");
    }
}
