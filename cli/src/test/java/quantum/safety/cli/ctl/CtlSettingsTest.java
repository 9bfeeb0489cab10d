package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.StreamEntry;

/** The change options take their env twins from {@link CtlSetting}: a script can export who it is and skip the question. */
@ExtendWith(RedisExtension.class)
class CtlSettingsTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();

    private final TestRedis redis;

    CtlSettingsTest(TestRedis redis) {
        this.redis = redis;
    }

    private List<StreamEntry> audit() {
        try (Jedis jedis = redis.connect()) {
            return jedis.xrange(SCHEMA.auditStream(), "-", "+");
        }
    }

    /** No terminal here: without the env twin of --yes the change would be refused. */
    @Test
    void safeModeOnTakesTheActorAndTheYesFromTheEnvironment() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_ACTOR", "deploy-bot", "QUANTUM_SAFETY_ASSUME_YES", "true");

        Ctl.Run run = Ctl.run(env, redis.uri(), "safe-mode", "on", "--ttl", "60s", "--reason", "deploying router");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(audit()).singleElement().satisfies(e -> assertThat(e.getFields())
                .containsEntry("event", "SAFE_MODE_ON").containsEntry("actor", "deploy-bot"));
    }

    @Test
    void theActorFlagWinsOverItsEnvTwin() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_ACTOR", "deploy-bot");

        Ctl.Run run = Ctl.run(env, redis.uri(), "kill", "on", "--actor", "alice", "--reason", "outage", "--yes");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(audit()).singleElement().satisfies(e -> assertThat(e.getFields()).containsEntry("actor", "alice"));
    }

    /** A reason is about one change, so no variable supplies it, whatever it is called. */
    @Test
    void noVariableGivesTheReason() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_ACTOR", "deploy-bot", "QUANTUM_SAFETY_REASON", "exported");

        Ctl.Run run = Ctl.run(env, redis.uri(), "safe-mode", "off", "--yes");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--reason is missing");
        assertThat(audit()).isEmpty();
    }

    @Test
    void withoutTheFlagAndItsEnvTwinTheActorIsTheLoginName() {
        Ctl.Run run = Ctl.run(Map.of("USER", ""), redis.uri(), "kill", "on", "--reason", "outage", "--yes");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(audit()).singleElement().satisfies(e -> assertThat(e.getFields())
                .containsEntry("actor", System.getProperty("user.name")));
    }

    @Test
    void theHelpOfAChangeShowsTheEnvTwinsFromTheTable() {
        Ctl.Run help = Ctl.run(Map.of(), null, "safe-mode", "on", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Env: QUANTUM_SAFETY_ACTOR.", "Env: QUANTUM_SAFETY_ASSUME_YES. Default: false.",
                "--reason=TEXT", "a reason belongs to one");
    }
}
