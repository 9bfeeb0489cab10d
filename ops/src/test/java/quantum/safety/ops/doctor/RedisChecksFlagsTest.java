package quantum.safety.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Status;
import quantum.safety.testkit.FlagCases;
import quantum.safety.testkit.FlagCases.FlagCase;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * Every value of the shared flag table at both flag keys: the doctor's verdict says ON / ENGAGED exactly when the
 * kernel blocks (it used to say "released" for a kill value the kernel treats as engaged, and to abort its Redis
 * checks on a key of another type), and fails the check, with why, for an unclear value.
 */
@ExtendWith(RedisExtension.class)
class RedisChecksFlagsTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final String SAFE_MODE_CHECK = "SAFE MODE state";
    private static final String KILL_CHECK = "kill switch and execution mode";

    static Stream<Arguments> everyCaseAtBothFlags() {
        return Stream.of(SCHEMA.safeMode(), SCHEMA.killSwitch())
                .flatMap(key -> FlagCases.all().stream().map(c -> Arguments.of(key, c)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyCaseAtBothFlags")
    void theVerdictSaysOnExactlyWhenTheKernelBlocks(String key, FlagCase value, TestRedis redis) {
        List<CheckResult> results;
        try (Jedis jedis = redis.connect(); JedisPooled pooled = new JedisPooled(redis.host(), redis.port())) {
            value.writeTo(jedis, key);
            results = new RedisChecks(pooled, SCHEMA, redis.uri()).run();
        }
        boolean safeMode = key.equals(SCHEMA.safeMode());
        CheckResult flagCheck = named(results, safeMode ? SAFE_MODE_CHECK : KILL_CHECK);
        CheckResult otherCheck = named(results, safeMode ? KILL_CHECK : SAFE_MODE_CHECK);

        if (safeMode) {
            assertThat(flagCheck.evidence()).startsWith(value.on() ? "SAFE MODE ON" : "SAFE MODE OFF");
            assertThat(otherCheck.evidence()).startsWith("kill switch released");
        } else {
            assertThat(flagCheck.evidence()).startsWith(value.on() ? "kill switch ENGAGED" : "kill switch released");
            assertThat(otherCheck.evidence()).startsWith("SAFE MODE OFF");
        }
        assertThat(flagCheck.status()).isEqualTo(value.clear() ? Status.PASSED : Status.FAILED);
        assertThat(flagCheck.evidence().contains("only absent or 0 is off")).isEqualTo(!value.clear());
        if (!value.clear()) {
            String change = safeMode ? "safe-mode" : "kill";
            assertThat(flagCheck.fix()).as("both printed commands are complete: no placeholder, the same Redis, --yes")
                    .doesNotContain("…")
                    .contains("quantum-safety ctl " + change + " on" + (safeMode ? " --latched" : "") + " --redis.addr="
                            + redis.uri() + " --reason='doctor found an unclear ")
                    .contains("quantum-safety ctl " + change + " off --redis.addr=" + redis.uri())
                    .containsPattern("--reason='[^']+' --yes ; .* --reason='[^']+' --yes$");
        }
        assertThat(otherCheck.status()).isEqualTo(Status.PASSED);
        assertThat(results).extracting(CheckResult::name).as("every Redis check ran").contains("fault stream",
                "kernel counters").doesNotContain("Redis reads");
    }

    private static CheckResult named(List<CheckResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
