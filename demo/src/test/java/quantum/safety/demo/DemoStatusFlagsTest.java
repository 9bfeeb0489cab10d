package quantum.safety.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.state.SafetyStatusReader;
import quantum.safety.state.StatusLimits;
import quantum.safety.testkit.FlagCases;
import quantum.safety.testkit.FlagCases.FlagCase;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * Every value of the shared flag table at both flag keys, read by the demo from a real Redis: its live line says ON
 * exactly when the kernel blocks (it looked for "1" only), and says why an odd value counts as on.
 */
@ExtendWith(RedisExtension.class)
class DemoStatusFlagsTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();

    static Stream<Arguments> everyCaseAtBothFlags() {
        return Stream.of(SCHEMA.safeMode(), SCHEMA.killSwitch())
                .flatMap(key -> FlagCases.all().stream().map(c -> Arguments.of(key, c)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyCaseAtBothFlags")
    void theLiveLineSaysOnExactlyWhenTheKernelBlocks(String key, FlagCase value, TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            value.writeTo(jedis, key);
        }
        boolean safeMode = key.equals(SCHEMA.safeMode());

        StatusLimits limits = StatusLimits.builder().kernel(KernelConfig.defaults()).lastFaults(1)
                .topSymbols(DemoStatus.TOP).build();
        String line;
        try (JedisPooled client = new JedisPooled(redis.host(), redis.port())) {
            line = StatusLine.format(DemoStatus.of(new SafetyStatusReader(client, SCHEMA, limits, redis.uri()).read()));
        }

        assertThat(line.contains("SAFE MODE ON")).as(line).isEqualTo(safeMode && value.on());
        assertThat(line.contains("SAFE MODE off")).as(line).isEqualTo(!(safeMode && value.on()));
        assertThat(line.contains("KILL SWITCH ON")).as(line).isEqualTo(!safeMode && value.on());
        assertThat(line.contains("only absent or 0 is off")).as(line).isEqualTo(!value.clear());
    }
}
