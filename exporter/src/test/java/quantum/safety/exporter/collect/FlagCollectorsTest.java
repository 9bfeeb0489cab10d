package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.exporter.Seed;
import quantum.safety.state.RedisFeatures;
import quantum.safety.testkit.FlagCases;
import quantum.safety.testkit.FlagCases.FlagCase;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/**
 * Every value of the shared flag table at both flag keys: the exporter's gauge says on exactly when the kernel blocks,
 * and an odd value or a key of another type still gives a value (1), with the unclear gauge at 1 and the problem
 * counted against the collector, never a missing series.
 */
class FlagCollectorsTest extends CollectorTestBase {

    /** A flag key, the collector that reads it, the gauge that shows it and its {@code flag} label. */
    record Flag(String key, Supplier<RedisCollector> collector, String gauge, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final Flag SAFE_MODE = new Flag(Seed.SCHEMA.safeMode(), SafeModeCollector::new, "quantum_safety_safe_mode",
            "safe_mode");
    static final Flag KILL_SWITCH = new Flag(Seed.SCHEMA.killSwitch(), KillSwitchCollector::new,
            "quantum_safety_kill_switch_engaged", "kill_switch");

    FlagCollectorsTest(TestRedis redis) {
        super(redis, RedisFeatures.REDIS_7);
    }

    static Stream<Arguments> everyCaseAtBothFlags() {
        return Stream.of(SAFE_MODE, KILL_SWITCH).flatMap(flag -> FlagCases.all().stream().map(c -> Arguments.of(flag, c)));
    }

    static Stream<FlagCase> everyCase() {
        return FlagCases.all().stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyCaseAtBothFlags")
    void theGaugeIsOnExactlyWhenTheKernelBlocks(Flag flag, FlagCase value) {
        try (Jedis jedis = redis.connect()) {
            value.writeTo(jedis, flag.key());
        }

        CollectorHarness.Result r = harness.run(flag.collector().get());

        assertThat(r.metrics().get(flag.gauge())).isEqualTo(value.on() ? 1 : 0);
        assertThat(r.metrics().get("quantum_safety_flag_unclear{flag=\"" + flag.label() + "\"}"))
                .isEqualTo(value.clear() ? 0 : 1);
        assertThat(r.output().problems()).as("problems counted against the collector")
                .hasSize(value.clear() ? 0 : 1)
                .allSatisfy(p -> assertThat(p).contains(flag.key()).contains("the kernel reads"));
    }

    @ParameterizedTest(name = "safe_mode = {0}")
    @MethodSource("everyCase")
    void safeModeIsLatchedWhenItIsOnWithoutTtl(FlagCase value) {
        boolean withoutTtl;
        try (Jedis jedis = redis.connect()) {
            value.writeTo(jedis, SAFE_MODE.key());
            withoutTtl = jedis.ttl(SAFE_MODE.key()) == -1;
        }

        CollectorHarness.Result r = harness.run(new SafeModeCollector());

        assertThat(r.metrics().get("quantum_safety_safe_mode_latched")).isEqualTo(value.on() && withoutTtl ? 1 : 0);
    }
}
