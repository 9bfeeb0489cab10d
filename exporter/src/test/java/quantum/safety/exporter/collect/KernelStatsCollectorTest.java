package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.state.RedisFeatures;
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
    void theBlockingReasonsOfTheNewKernelHaveASeriesBeforeTheirFirstDecision() {
        CollectorHarness.Result r = harness.run(new KernelStatsCollector());
        for (String reason : new String[] {"REDUCE_ONLY_RATE_EXCEEDED", "CONFIG_ERROR", "STATE_UNREADABLE"}) {
            assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"" + reason + "\"}")).as(reason).isZero();
        }
    }

    @Test
    void lostEventsComeFromTheTotalsHashAndReadZeroWhileAbsent() {
        assertThat(harness.run(new KernelStatsCollector()).metrics().get("quantum_safety_kernel_lost_events_total"))
                .isZero();
        try (Jedis jedis = redis.connect()) {
            jedis.hset(Seed.SCHEMA.kernelTotals(), Map.of("trips", "9", "lost_events", "2"));
            jedis.hset(Seed.SCHEMA.decisionCounters(), "CONFIG_ERROR", "4");
        }
        CollectorHarness.Result r = harness.run(new KernelStatsCollector());
        assertThat(r.output().ok()).isTrue();
        assertThat(r.metrics().get("quantum_safety_kernel_lost_events_total")).isEqualTo(2);
        assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"CONFIG_ERROR\"}")).isEqualTo(4);
    }

    @Test
    void garbageInLostEventsIsCountedAndLeavesTheDecisionsAlone() {
        try (Jedis jedis = redis.connect()) {
            jedis.hset(Seed.SCHEMA.kernelTotals(), "lost_events", "a few");
            jedis.hset(Seed.SCHEMA.decisionCounters(), "OK", "5");
        }
        CollectorHarness.Result r = harness.run(new KernelStatsCollector());
        assertThat(r.output().problems()).singleElement().asString().contains("lost_events");
        assertThat(r.metrics().has("quantum_safety_kernel_lost_events_total")).isFalse();
        assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"OK\"}")).isEqualTo(5);

        try (Jedis jedis = redis.connect()) {
            jedis.hset(Seed.SCHEMA.kernelTotals(), "lost_events", "-3");
        }
        assertThat(harness.run(new KernelStatsCollector()).output().problems()).singleElement().asString()
                .contains("negative");
    }

    @Test
    void totalsOfTheWrongTypeFailOnlyTheLostEvents() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.kernelTotals(), "not a hash");
            jedis.hset(Seed.SCHEMA.decisionCounters(), "OK", "5");
        }
        CollectorHarness.Result r = harness.run(new KernelStatsCollector());
        assertThat(r.output().problems()).singleElement().asString().contains("WRONGTYPE");
        assertThat(r.metrics().has("quantum_safety_kernel_lost_events_total")).isFalse();
        assertThat(r.metrics().get("quantum_safety_decisions_total{reason=\"OK\"}")).isEqualTo(5);
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
