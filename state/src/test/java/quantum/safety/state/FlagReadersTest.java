package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.kernel.FlagState;
import quantum.safety.testkit.FlagCases.FlagCase;
import redis.clients.jedis.Jedis;

/**
 * Every value of the shared flag table at both flag keys, through the readers every renderer uses: on exactly when
 * the kernel blocks, and an odd value or a key of another type is on with one problem that names the key, never an
 * exception and never "unknown".
 */
class FlagReadersTest extends StateTestBase {

    /** What a reader made of a flag key: the flag and the problems. */
    private record Read(FlagState state, List<String> problems) {
    }

    /** Each flag key and the reader that reads it. */
    private static final List<Map.Entry<String, Function<FlagReadersTest, Read>>> FLAGS = List.of(
            Map.entry(SCHEMA.safeMode(), t -> {
                SafeModeState s = t.queued(p -> SafeModeReader.queue(p, SCHEMA)).finish();
                return new Read(s.flag(), s.problems());
            }),
            Map.entry(SCHEMA.killSwitch(), t -> {
                ExecutionControls c = t.queued(p -> ExecutionControlsReader.queue(p, SCHEMA)).finish();
                return new Read(c.killSwitch(), c.problems());
            }));

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantum.safety.testkit.FlagCases#all")
    void eachFlagIsOnExactlyWhenTheKernelBlocks(FlagCase value) {
        SoftAssertions softly = new SoftAssertions();
        for (var flag : FLAGS) {
            try (Jedis jedis = jedis()) {
                jedis.flushAll();
                value.writeTo(jedis, flag.getKey());
            }

            Read read = flag.getValue().apply(this);

            softly.assertThat(read.state().on()).as(flag.getKey()).isEqualTo(value.on());
            softly.assertThat(read.state().unclear()).as(flag.getKey()).isEqualTo(!value.clear());
            softly.assertThat(read.problems()).as("problems of %s", flag.getKey()).hasSize(value.clear() ? 0 : 1)
                    .allSatisfy(p -> assertThat(p).contains(flag.getKey()).contains("the kernel reads"));
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantum.safety.testkit.FlagCases#all")
    void safeModeIsLatchedWhenItIsOnWithoutTtl(FlagCase value) {
        boolean withoutTtl;
        try (Jedis jedis = jedis()) {
            value.writeTo(jedis, SCHEMA.safeMode());
            withoutTtl = jedis.ttl(SCHEMA.safeMode()) == -1;
        }

        SafeModeState state = queued(p -> SafeModeReader.queue(p, SCHEMA)).finish();

        assertThat(state.latched()).isEqualTo(value.on() && withoutTtl);
        assertThat(state.secondsLeft().isPresent()).isEqualTo(value.on() && !withoutTtl);
    }
}
