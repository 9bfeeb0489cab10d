package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.Seed;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.SafetyStatusReader;
import quantum.safety.state.StatusLimits;
import quantum.safety.testkit.FlagCases.FlagCase;
import quantum.safety.testkit.FlagCases;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * Every value of the shared flag table at both flag keys, read by the status reader from a real Redis and rendered
 * as the page: ON (or ENGAGED) exactly when the kernel blocks, with the reason an odd value counts as on, and never
 * "unknown".
 */
@ExtendWith(RedisExtension.class)
class StatusPageFlagsTest {

    private static final BuildIdentity BUILD = new BuildIdentity("0.1.0-test", "abc1234", "test");
    /** The tail of FlagState.describe() for an unclear flag. */
    private static final String WHY_ON = "only absent or 0 is off";

    private final TestRedis redis;
    private JedisPooled client;

    StatusPageFlagsTest(TestRedis redis) {
        this.redis = redis;
    }

    @BeforeEach
    void connect() {
        client = new JedisPooled(redis.host(), redis.port());
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    static Stream<Arguments> everyCaseAtBothFlags() {
        return Stream.of(Seed.SCHEMA.safeMode(), Seed.SCHEMA.killSwitch())
                .flatMap(key -> FlagCases.all().stream().map(c -> Arguments.of(key, c)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyCaseAtBothFlags")
    void thePageSaysOnExactlyWhenTheKernelBlocks(String key, FlagCase value) {
        try (Jedis jedis = redis.connect()) {
            value.writeTo(jedis, key);
        }
        boolean safeMode = key.equals(Seed.SCHEMA.safeMode());
        boolean safeModeOn = safeMode && value.on();
        boolean killOn = !safeMode && value.on();

        StatusLimits limits = StatusLimits.builder().kernel(KernelConfig.defaults()).build();
        SafetyStatus status = new SafetyStatusReader(client, Seed.SCHEMA, limits, redis.uri()).read();
        String page = StatusPage.render(status, BUILD);

        assertThat(status.blocked()).isEqualTo(value.on());
        assertThat(page).contains(safeModeOn ? "id=\"safe-mode\">SAFE MODE ON" : "id=\"safe-mode\">SAFE MODE OFF")
                .contains("<th>State</th><td><span class=\"pill " + (safeModeOn ? "on\">ON" : "off\">OFF") + "</span>")
                .contains("<th>Kill switch</th><td><span class=\"pill "
                        + (killOn ? "on\">ENGAGED" : "off\">released") + "</span>")
                .doesNotContain("unknown</span>", "SAFE MODE unknown", "KILL SWITCH unknown");
        assertThat(page.contains("id=\"kill-switch\">KILL SWITCH ENGAGED")).isEqualTo(killOn);
        assertThat(page.contains(WHY_ON)).as("why the value counts as on").isEqualTo(!value.clear());
        assertThat(status.problems().stream().anyMatch(p -> p.contains(key)))
                .as("problems: %s", status.problems()).isEqualTo(!value.clear());
    }
}
