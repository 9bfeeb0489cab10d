package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.state.RedisFeatures;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

class KillSwitchCollectorTest extends CollectorTestBase {

    KillSwitchCollectorTest(TestRedis redis) {
        super(redis, RedisFeatures.REDIS_7);
    }

    @Test
    void nothingSetMeansReleasedUnknownModeAndGovernorOff() {
        CollectorHarness.Result r = harness.run(new KillSwitchCollector());
        assertThat(r.output().ok()).isTrue();
        assertThat(r.metrics().get("quantum_safety_kill_switch_engaged")).isZero();
        assertThat(r.metrics().get("quantum_safety_execution_mode{mode=\"UNKNOWN\"}")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_execution_mode{mode=\"LIVE\"}")).isZero();
        assertThat(r.metrics().get("quantum_safety_governor_enabled")).isZero();
    }

    @Test
    void anEngagedKillSwitchLiveModeAndEnabledGovernor() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.killSwitch(), "1");
            jedis.set(Seed.SCHEMA.executionMode(), "LIVE");
            jedis.set(Seed.SCHEMA.governorGate(), "ENABLED");
        }
        CollectorHarness.Result r = harness.run(new KillSwitchCollector());
        assertThat(r.metrics().get("quantum_safety_kill_switch_engaged")).isEqualTo(1);
        assertThat(r.metrics().family("quantum_safety_execution_mode")).containsOnly(
                java.util.Map.entry("quantum_safety_execution_mode{mode=\"LIVE\"}", 1.0),
                java.util.Map.entry("quantum_safety_execution_mode{mode=\"TESTNET\"}", 0.0),
                java.util.Map.entry("quantum_safety_execution_mode{mode=\"UNKNOWN\"}", 0.0));
        assertThat(r.metrics().get("quantum_safety_governor_enabled")).isEqualTo(1);
    }

    @Test
    void anUnrecognisedModeIsUnknownNotANewSeries() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.executionMode(), "PAPER");
        }
        CollectorHarness.Result r = harness.run(new KillSwitchCollector());
        assertThat(r.metrics().family("quantum_safety_execution_mode")).hasSize(3);
        assertThat(r.metrics().get("quantum_safety_execution_mode{mode=\"UNKNOWN\"}")).isEqualTo(1);
    }

    @Test
    void aKillValueWithSpacesAroundZeroIsEngagedBecauseTheKernelComparesExactly() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.killSwitch(), " 0");
        }
        CollectorHarness.Result r = harness.run(new KillSwitchCollector());
        assertThat(r.output().problems()).singleElement().asString().contains("kill");
        assertThat(r.metrics().get("quantum_safety_kill_switch_engaged")).isEqualTo(1);
    }

    @Test
    void aKillSwitchOfTheWrongTypeIsEngagedAndTheOtherControlsAreStillRead() {
        try (Jedis jedis = redis.connect()) {
            jedis.rpush(Seed.SCHEMA.killSwitch(), "0");
            jedis.set(Seed.SCHEMA.executionMode(), "LIVE");
        }
        CollectorHarness.Result r = harness.run(new KillSwitchCollector());
        assertThat(r.output().problems()).singleElement().asString().contains("quantum:kill", "list");
        assertThat(r.metrics().get("quantum_safety_kill_switch_engaged")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_flag_unclear{flag=\"kill_switch\"}")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_execution_mode{mode=\"LIVE\"}")).isEqualTo(1);
    }

    @Test
    void badValuesFailTheCollectorButKeepTheGoodFamilies() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.killSwitch(), "maybe");
            jedis.set(Seed.SCHEMA.governorGate(), "SOMETIMES");
            jedis.set(Seed.SCHEMA.executionMode(), "TESTNET");
        }
        CollectorHarness.Result r = harness.run(new KillSwitchCollector());
        assertThat(r.output().problems()).hasSize(2);
        // The kernel blocks every order on any kill value but "0": the gauge says engaged, the odd value is counted.
        assertThat(r.metrics().get("quantum_safety_kill_switch_engaged")).isEqualTo(1);
        assertThat(r.metrics().has("quantum_safety_governor_enabled")).isFalse();
        assertThat(r.metrics().get("quantum_safety_execution_mode{mode=\"TESTNET\"}")).isEqualTo(1);
    }
}
