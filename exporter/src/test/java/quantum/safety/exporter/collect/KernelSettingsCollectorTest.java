package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.state.RedisFeatures;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

class KernelSettingsCollectorTest extends CollectorTestBase {

    private static final long NOW = TestExporters.NOW_MILLIS / 1000;

    KernelSettingsCollectorTest(TestRedis redis) {
        super(redis, RedisFeatures.REDIS_7);
    }

    @Test
    void eachLiveKernelHasAnInfoSeriesAndItsLimitsByKernelId() {
        try (Jedis jedis = redis.connect()) {
            Seed.kernel(jedis, "demo", 5, 30, 10, NOW + 60);
            Seed.kernel(jedis, "router-1", 10, 20, 5, NOW + 60);
        }
        CollectorHarness.Result r = harness.run(new KernelSettingsCollector());

        assertThat(r.output().ok()).isTrue();
        assertThat(r.metrics().get("quantum_safety_kernel_window_seconds{kernel_id=\"demo\"}")).isEqualTo(5);
        assertThat(r.metrics().get("quantum_safety_kernel_global_max{kernel_id=\"demo\"}")).isEqualTo(30);
        assertThat(r.metrics().get("quantum_safety_kernel_symbol_max{kernel_id=\"demo\"}")).isEqualTo(10);
        assertThat(r.metrics().get("quantum_safety_kernel_window_seconds{kernel_id=\"router-1\"}")).isEqualTo(10);
        assertThat(r.metrics().get("quantum_safety_kernel_cooldown_seconds{kernel_id=\"router-1\"}")).isEqualTo(300);
        assertThat(r.metrics().family("quantum_safety_kernel_info")).hasSize(2).containsKey(
                "quantum_safety_kernel_info{escalating=\"false\",fail_policy=\"closed\",kernel_id=\"demo\","
                        + "latched=\"false\",reduce_only=\"allow\",version=\"1.2.3\"}");
    }

    @Test
    void anExpiredKernelHasNoSeriesOnTheReadersClock() {
        try (Jedis jedis = redis.connect()) {
            Seed.kernel(jedis, "gone", 5, 30, 10, NOW);
        }
        CollectorHarness.Result r = harness.run(new KernelSettingsCollector());

        assertThat(r.output().ok()).isTrue();
        assertThat(r.metrics().has("quantum_safety_kernel_info")).isFalse();
        assertThat(r.metrics().has("quantum_safety_kernel_window_seconds")).isFalse();
    }

    @Test
    void aGarbledEntryFailsTheCollectorAndTheOthersAreStillExported() {
        try (Jedis jedis = redis.connect()) {
            Seed.kernel(jedis, "good", 5, 30, 10, NOW + 60);
            jedis.hset(Seed.SCHEMA.kernelSettings(), "bad", "window_sec=five expires_at=" + (NOW + 60));
        }
        CollectorHarness.Result r = harness.run(new KernelSettingsCollector());

        assertThat(r.output().problems()).singleElement().asString().contains("'bad'", "window_sec");
        assertThat(r.metrics().get("quantum_safety_kernel_window_seconds{kernel_id=\"good\"}")).isEqualTo(5);
    }

    @Test
    void aKeyOfAnotherTypeFailsTheCollectorWithoutSeries() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.kernelSettings(), "oops");
        }
        CollectorHarness.Result r = harness.run(new KernelSettingsCollector());

        assertThat(r.output().problems()).singleElement().asString().contains("WRONGTYPE");
        assertThat(r.metrics().names()).isEmpty();
    }
}
