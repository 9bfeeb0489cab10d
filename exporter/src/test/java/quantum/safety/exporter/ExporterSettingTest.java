package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.KernelSetting;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;

/** The exporter's settings table against the legacy contract and against {@link ExporterConfig}'s defaults. */
class ExporterSettingTest {

    @Test
    void theLegacyNamesAreTheLegacyExportersBesidesRedis() {
        assertThat(Arrays.stream(ExporterSetting.values()).flatMap(r -> r.setting().legacyEnv().stream()))
                .containsExactlyInAnyOrder("PORT", "SAFETY_WINDOW_SEC", "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW",
                        "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "SAMPLE_INTERVAL_SEC", "FAULT_LOOKBACK_MAX");
    }

    @Test
    void theWindowAndTheLimitsAreTheKernelsSettings() {
        assertThat(ExporterSetting.WINDOW.setting().envNames()).isEqualTo(KernelSetting.WINDOW.setting().envNames());
        assertThat(ExporterSetting.WINDOW.flag()).isEqualTo(KernelSetting.WINDOW.flag());
        assertThat(ExporterSetting.KERNEL_GLOBAL_MAX.setting().envNames())
                .isEqualTo(KernelSetting.GLOBAL_MAX.setting().envNames());
        assertThat(ExporterSetting.KERNEL_SYMBOL_MAX.setting().envNames())
                .isEqualTo(KernelSetting.SYMBOL_MAX.setting().envNames());
        assertThat(ExporterSetting.KERNEL_GLOBAL_MAX.setting().flag()).isEmpty();
    }

    @Test
    void theTablesDefaultsAreTheConfigsDefaults() {
        ExporterConfig defaults = ExporterConfig.builder(RedisConnector.to(RedisEndpoint.standalone("127.0.0.1", 6379),
                RedisCredentials.none())).build();

        assertThat(defaults.listenAddresses()).containsExactly(ExporterSetting.LISTEN_ADDRESS.setting().defaultValue()
                .orElseThrow());
        assertThat(Integer.toString(defaults.windowSeconds())).isEqualTo(ExporterSetting.WINDOW.setting().defaultValue()
                .orElseThrow());
        assertThat(Integer.toString(defaults.faultsTopSymbols()))
                .isEqualTo(ExporterSetting.FAULTS_TOP_SYMBOLS.setting().defaultValue().orElseThrow());
        assertThat(Boolean.toString(defaults.top5Info())).isEqualTo(ExporterSetting.TOP5_INFO.setting().defaultValue()
                .orElseThrow());
        assertThat(defaults.maxScrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ExporterSetting.MAX_SCRAPE_TIMEOUT.setting().defaultValue()).contains("5s");
    }

    @Test
    void kernelLimitsComeFromTheKernelsEnvNamesNewFirst() {
        assertThat(new ExporterEnv(Map.of()).kernelLimit(ExporterSetting.KERNEL_GLOBAL_MAX)).isEqualTo(20);
        assertThat(new ExporterEnv(Map.of()).kernelLimit(ExporterSetting.KERNEL_SYMBOL_MAX)).isEqualTo(5);
        assertThat(new ExporterEnv(Map.of("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "50"))
                .kernelLimit(ExporterSetting.KERNEL_GLOBAL_MAX)).isEqualTo(50);
        assertThat(new ExporterEnv(Map.of("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "50", "QUANTUM_SAFETY_GLOBAL_MAX", "60"))
                .kernelLimit(ExporterSetting.KERNEL_GLOBAL_MAX)).isEqualTo(60);
        assertThatThrownBy(() -> new ExporterEnv(Map.of("SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "0"))
                .kernelLimit(ExporterSetting.KERNEL_SYMBOL_MAX))
                .hasMessage("env SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW='0' is not a positive whole number");
    }

    @Test
    void theIgnoredLegacySettingsSayWhyWhenSet() {
        assertThat(new ExporterEnv(Map.of()).ignoredSettingNotes()).isEmpty();
        assertThat(new ExporterEnv(Map.of("SAMPLE_INTERVAL_SEC", "15", "FAULT_LOOKBACK_MAX", "2000")).ignoredSettingNotes())
                .containsExactly("SAMPLE_INTERVAL_SEC is ignored: this exporter reads Redis on every scrape, so values "
                                + "are as fresh as the scrape and no background polling interval exists",
                        "FAULT_LOOKBACK_MAX is ignored: faults of the last hour are counted exactly by stream id range, "
                                + "in bounded pages, with no lookback cap");
    }
}
