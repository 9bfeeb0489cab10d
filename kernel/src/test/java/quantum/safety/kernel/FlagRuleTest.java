package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.testkit.FlagCases;
import quantum.safety.testkit.FlagCases.FlagCase;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The one flag rule, run from the shared table ({@link FlagCases}) against the decision script and against
 * {@link FlagState}, the rule every Java reader applies: they agree on every value, and only absent and "0" are off.
 */
class FlagRuleTest {

    static List<Arguments> cases() {
        List<Arguments> rows = new ArrayList<>();
        RedisServers.both().forEach(server -> {
            for (FlagCase flagCase : FlagCases.all()) {
                for (String key : List.of("quantum:safety:safe_mode", "quantum:kill")) {
                    rows.add(Arguments.of(server, flagCase, key));
                }
            }
        });
        return rows;
    }

    @ParameterizedTest(name = "{0}: {2} = {1}")
    @MethodSource("cases")
    void theScriptAndFlagStateReadEveryValueAlikeAndOnlyAbsentOrZeroIsOff(RedisServers.Server server,
                                                                          FlagCase flagCase, String key) {
        try (KernelFixture f = new KernelFixture(server)) {
            flagCase.writeTo(f.raw, key);
            boolean killSwitch = key.equals("quantum:kill");

            for (FailPolicy policy : FailPolicy.values()) {
                Decision d = f.kernel(b -> b.failPolicy(policy)).decide(Intent.of("BTCUSDT", "BUY"));
                Reason blocking = killSwitch ? Reason.KILL_SWITCH_ENGAGED : Reason.SAFE_MODE_ENABLED;
                assertThat(d.reason()).as("%s under %s", flagCase, policy).isEqualTo(flagCase.on() ? blocking : Reason.OK);
            }
            assertThat(read(f, key).on()).isEqualTo(flagCase.on());
            assertThat(read(f, key).unclear()).isEqualTo(!flagCase.clear());
        }
    }

    /** The way a Java reader sees the key: TYPE, and GET for a string. */
    private static FlagState read(KernelFixture f, String key) {
        String type = f.raw.type(key);
        try {
            return FlagState.of(type, type.equals("string") ? f.raw.get(key) : null);
        } catch (JedisDataException e) {
            return FlagState.ofWrongType(type);
        }
    }
}
