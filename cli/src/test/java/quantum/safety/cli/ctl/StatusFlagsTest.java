package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.FlagCases;
import quantum.safety.testkit.FlagCases.FlagCase;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/**
 * Every value of the shared flag table at both flag keys: {@code ctl status} says ON (and BLOCKED) exactly when the kernel
 * blocks, in text and in JSON, and says why an odd value or a key of another type counts as on, never "unknown".
 */
@ExtendWith(RedisExtension.class)
class StatusFlagsTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tail of FlagState.describe() for an unclear flag. */
    private static final String WHY_ON = "only absent or 0 is off";

    static Stream<Arguments> everyCaseAtBothFlags() {
        return Stream.of(SCHEMA.safeMode(), SCHEMA.killSwitch())
                .flatMap(key -> FlagCases.all().stream().map(c -> Arguments.of(key, c)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyCaseAtBothFlags")
    void theScreenSaysOnExactlyWhenTheKernelBlocks(String key, FlagCase value, TestRedis redis) {
        write(redis, key, value);
        boolean safeModeOn = key.equals(SCHEMA.safeMode()) && value.on();
        boolean killOn = key.equals(SCHEMA.killSwitch()) && value.on();

        Ctl.Run run = Ctl.run(redis.uri(), "status");

        assertThat(run.exitCode()).isEqualTo(value.on() ? Main.EXIT_BLOCKED : Main.EXIT_OK);
        assertThat(run.out()).contains(value.on() ? "Status       BLOCKED" : "Status       OK")
                .contains(safeModeOn ? "SAFE MODE    ON" : "SAFE MODE    OFF")
                .contains(killOn ? "Kill switch  ON (engaged: every order blocked)" : "Kill switch  OFF (released)")
                .doesNotContain("UNKNOWN");
        assertThat(run.out().contains(WHY_ON)).as(run.out()).isEqualTo(!value.clear());
        assertThat(run.out().contains("Problems")).as(run.out()).isEqualTo(!value.clear());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyCaseAtBothFlags")
    void theJsonSaysOnExactlyWhenTheKernelBlocks(String key, FlagCase value, TestRedis redis) throws Exception {
        write(redis, key, value);
        String field = key.equals(SCHEMA.safeMode()) ? "/safe_mode" : "/kill_switch";
        String other = key.equals(SCHEMA.safeMode()) ? "/kill_switch" : "/safe_mode";

        Ctl.Run run = Ctl.run(redis.uri(), "status", "--json");

        JsonNode json = JSON.readTree(run.out());
        assertThat(json.at(field + "/state").asText()).isEqualTo(value.on() ? "ON" : "OFF");
        assertThat(json.at(field + "/unclear").asBoolean()).isEqualTo(!value.clear());
        assertThat(json.at(field + "/description").asText().contains(WHY_ON)).isEqualTo(!value.clear());
        assertThat(json.at(other + "/state").asText()).isEqualTo("OFF");
        assertThat(json.at("/blocked").asBoolean()).isEqualTo(value.on());
    }

    private static void write(TestRedis redis, String key, FlagCase value) {
        try (Jedis jedis = redis.connect()) {
            value.writeTo(jedis, key);
        }
    }
}
