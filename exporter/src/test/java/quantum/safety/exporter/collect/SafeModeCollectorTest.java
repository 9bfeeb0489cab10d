package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.state.RedisFeatures;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

class SafeModeCollectorTest extends CollectorTestBase {

    SafeModeCollectorTest(TestRedis redis) {
        super(redis, RedisFeatures.REDIS_7);
    }

    @Test
    void anAbsentFlagIsOffWithTtlMinusOne() {
        CollectorHarness.Result r = harness.run(new SafeModeCollector());
        assertThat(r.output().ok()).isTrue();
        assertThat(r.metrics().get("quantum_safety_safe_mode")).isEqualTo(0);
        assertThat(r.metrics().get("quantum_safety_safe_mode_ttl_seconds")).isEqualTo(-1);
        assertThat(r.metrics().get("quantum_safety_safe_mode_latched")).isEqualTo(0);
    }

    @Test
    void aTripWithCooldownIsOnWithItsTtlAndNotLatched() {
        try (Jedis jedis = redis.connect()) {
            jedis.setex(Seed.SCHEMA.safeMode(), 300, "1");
        }
        CollectorHarness.Result r = harness.run(new SafeModeCollector());
        assertThat(r.metrics().get("quantum_safety_safe_mode")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_safe_mode_ttl_seconds")).isBetween(1.0, 300.0);
        assertThat(r.metrics().get("quantum_safety_safe_mode_latched")).isEqualTo(0);
    }

    @Test
    void aFlagSetByHandWithoutTtlIsLatched() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.safeMode(), "1");
        }
        CollectorHarness.Result r = harness.run(new SafeModeCollector());
        assertThat(r.metrics().get("quantum_safety_safe_mode")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_safe_mode_ttl_seconds")).isEqualTo(-1);
        assertThat(r.metrics().get("quantum_safety_safe_mode_latched")).isEqualTo(1);
    }

    @Test
    void zeroIsOff() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.safeMode(), "0");
        }
        assertThat(harness.run(new SafeModeCollector()).metrics().get("quantum_safety_safe_mode")).isEqualTo(0);
    }

    @Test
    void aValueThatIsNeitherOneNorZeroReadsOnLikeTheKernelAndIsCountedAsAProblem() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.safeMode(), "yes");
        }
        CollectorHarness.Result r = harness.run(new SafeModeCollector());
        assertThat(r.output().ok()).isFalse();
        assertThat(r.output().problems()).singleElement().asString().contains("safety:safe_mode");
        // The kernel blocks on any value but "0" (fail-safe), so the gauge must not say SAFE MODE is off or unknown.
        assertThat(r.metrics().get("quantum_safety_safe_mode")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_safe_mode_latched")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_safe_mode_ttl_seconds")).isEqualTo(-1);
    }

    @Test
    void aFlagOfTheWrongTypeIsOnLikeTheKernelReadsItAndIsCountedAsAProblem() {
        try (Jedis jedis = redis.connect()) {
            jedis.hset(Seed.SCHEMA.safeMode(), "on", "0");
        }
        CollectorHarness.Result r = harness.run(new SafeModeCollector());
        assertThat(r.output().problems()).singleElement().asString().contains("safety:safe_mode", "hash");
        // A failed GET used to leave no series at all: dashboards and alerts then saw neither on nor off.
        assertThat(r.metrics().get("quantum_safety_safe_mode")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_flag_unclear{flag=\"safe_mode\"}")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_safe_mode_latched")).isEqualTo(1);
    }
}
