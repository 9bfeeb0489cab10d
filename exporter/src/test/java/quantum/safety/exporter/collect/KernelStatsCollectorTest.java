package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.exporter.redis.RedisFeatures;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

class KernelStatsCollectorTest extends CollectorTestBase {

    KernelStatsCollectorTest(TestRedis redis) {
        super(redis, RedisFeatures.REDIS_7);
    }

    @Test
    void everyKnownReasonHasASeriesFromTheStart() {
        CollectorHarness.Result r = harness.run(new KernelStatsCollector());
        assertThat(r.metrics().family("quantum_safety_decisions_total")).hasSize(KernelStatsCollector.REASONS.size())
                .allSatisfy((series, value) -> assertThat(value).isZero());
    }

    @Test
    void decisionsByReasonComeFromTheKernelsHash() {
        try (Jedis jedis = redis.connect()) {
            jedis.hset(Seed.SCHEMA.decisionCounters(), Map.of("OK", "41", "FAIL_OPEN_ERROR", "2", "NEW_REASON", "1"));
        }
        CollectorHarness.Result r = harness.run(new KernelStatsCollector());
        assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"OK\"}")).isEqualTo(41);
        assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"FAIL_OPEN_ERROR\"}")).isEqualTo(2);
        assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"NEW_REASON\"}")).isEqualTo(1);
    }

    @Test
    void aNonNumericCountFailsTheCollectorAndKeepsTheOthers() {
        try (Jedis jedis = redis.connect()) {
            jedis.hset(Seed.SCHEMA.decisionCounters(), Map.of("OK", "many", "SAFE_MODE_ENABLED", "3"));
        }
        CollectorHarness.Result r = harness.run(new KernelStatsCollector());
        assertThat(r.output().problems()).singleElement().asString().contains("OK");
        assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"SAFE_MODE_ENABLED\"}")).isEqualTo(3);
        assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"OK\"}")).isZero();
    }

    @Test
    void garbageFieldsCannotExplodeTheLabelCardinality() {
        try (Jedis jedis = redis.connect()) {
            for (int i = 0; i < 100; i++) {
                jedis.hset(Seed.SCHEMA.decisionCounters(), "JUNK_" + i, "1");
            }
        }
        CollectorHarness.Result r = harness.run(new KernelStatsCollector());
        assertThat(r.metrics().family("quantum_safety_decisions_total")).hasSize(KernelStatsCollector.MAX_REASONS);
        assertThat(r.output().ok()).isFalse();
    }
}
