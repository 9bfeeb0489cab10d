package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.StreamEntry;

@ExtendWith(RedisExtension.class)
class ChangeCommandsTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();

    private final TestRedis redis;

    ChangeCommandsTest(TestRedis redis) {
        this.redis = redis;
    }

    private List<StreamEntry> audit() {
        try (Jedis jedis = redis.connect()) {
            return jedis.xrange(SCHEMA.auditStream(), "-", "+");
        }
    }

    @Test
    void safeModeOnWithATtlIsAppliedAndAudited() {
        Ctl.Run run = Ctl.run(redis.uri(), "safe-mode", "on", "--ttl", "300s", "--actor", "alice",
                "--reason", "deploying router", "--yes");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains("Done: Switch SAFE MODE ON for 5m 0s").contains("Audit event");
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.get(SCHEMA.safeMode())).isEqualTo("1");
            assertThat(jedis.ttl(SCHEMA.safeMode())).isBetween(1L, 300L);
        }
        assertThat(audit()).singleElement().satisfies(e -> {
            assertThat(e.getFields()).containsEntry("event", "SAFE_MODE_ON").containsEntry("actor", "alice")
                    .containsEntry("reason", "deploying router");
        });
    }

    @Test
    void safeModeOffAndTheKillSwitchAreAuditedToo() {
        assertThat(Ctl.run(redis.uri(), "safe-mode", "on", "--latched", "--actor", "a", "--reason", "r", "--yes")
                .exitCode()).isZero();
        assertThat(Ctl.run(redis.uri(), "safe-mode", "off", "--actor", "bob", "--reason", "fixed", "--yes")
                .exitCode()).isZero();
        assertThat(Ctl.run(redis.uri(), "kill", "on", "--actor", "carol", "--reason", "outage", "--yes")
                .exitCode()).isZero();
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.exists(SCHEMA.safeMode())).isFalse();
            assertThat(jedis.get(SCHEMA.killSwitch())).isEqualTo("1");
        }
        Ctl.Run off = Ctl.run(redis.uri(), "kill", "off", "--actor", "carol", "--reason", "back", "--yes");
        assertThat(off.out()).contains("Release the kill switch").contains("before: \"1\"");
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.get(SCHEMA.killSwitch())).isEqualTo("0");
        }
        assertThat(audit()).extracting(e -> e.getFields().get("event"))
                .containsExactly("SAFE_MODE_ON", "SAFE_MODE_OFF", "KILL_ON", "KILL_OFF");
    }

    @Test
    void withoutReasonNothingIsChangedAndTheExitCodeIsTwo() {
        Ctl.Run noReason = Ctl.run(redis.uri(), "safe-mode", "off", "--actor", "alice", "--yes");
        Ctl.Run blank = Ctl.run(redis.uri(), "safe-mode", "on", "--latched", "--actor", "alice", "--reason", " ", "--yes");

        assertThat(noReason.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noReason.err()).contains("--reason is missing");
        assertThat(blank.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(audit()).isEmpty();
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.exists(SCHEMA.safeMode())).isFalse();
        }
    }

    @Test
    void withoutActorTheLoginNameIsRecorded() {
        String login = System.getProperty("user.name");

        Ctl.Run noActor = Ctl.run(redis.uri(), "kill", "on", "--reason", "outage", "--yes");
        Ctl.Run blank = Ctl.run(redis.uri(), "kill", "off", "--actor", " ", "--reason", "back", "--yes");

        assertThat(noActor.exitCode()).as(noActor.err()).isEqualTo(Main.EXIT_OK);
        assertThat(noActor.out()).contains(" by " + login + " at ");
        assertThat(blank.exitCode()).as(blank.err()).isEqualTo(Main.EXIT_OK);
        assertThat(audit()).extracting(e -> e.getFields().get("actor")).containsExactly(login, login);
    }

    @Test
    void withoutATerminalAndWithoutYesNothingIsChangedAndTheExitCodeIsTwo() {
        Ctl.Run run = Ctl.run(redis.uri(), "kill", "on", "--actor", "alice", "--reason", "outage");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("no terminal to confirm on").contains("--yes");
        assertThat(audit()).isEmpty();
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(Ctl.run(redis.uri(), "safe-mode", "on", "--ttl", "5m", "--latched", "--actor", "a", "--reason", "r",
                "--yes").exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(Ctl.run(redis.uri(), "safe-mode", "on", "--actor", "a", "--reason", "r", "--yes").exitCode())
                .isEqualTo(Main.EXIT_USAGE);
        Ctl.Run subSecond = Ctl.run(redis.uri(), "safe-mode", "on", "--ttl", "500ms", "--actor", "a", "--reason", "r", "--yes");
        assertThat(subSecond.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(subSecond.err()).contains("whole seconds");
        assertThat(Ctl.run(redis.uri(), "kill", "maybe", "--actor", "a", "--reason", "r", "--yes").exitCode())
                .isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void aSafeModeKeyOfTheWrongTypeIsReplacedAndSaidSo() {
        try (Jedis jedis = redis.connect()) {
            jedis.hset(SCHEMA.safeMode(), "x", "y");
        }
        Ctl.Run run = Ctl.run(redis.uri(), "safe-mode", "off", "--actor", "a", "--reason", "clean up", "--yes");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("before: a key of the wrong type");
    }

    @Test
    void hostileActorOrReasonIsRefusedWithExitTwoAndNothingChanges() {
        Ctl.Run bidi = Ctl.run(redis.uri(), "kill", "on", "--actor", "eve\u202Eevil", "--reason", "drill", "--yes");
        Ctl.Run control = Ctl.run(redis.uri(), "safe-mode", "on", "--latched", "--actor", "eve", "--reason",
                "x\u001B[2Jy", "--yes");
        Ctl.Run longReason = Ctl.run(redis.uri(), "kill", "on", "--actor", "eve", "--reason", "r".repeat(501), "--yes");

        assertThat(bidi.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bidi.err()).contains("U+202E").doesNotContain("\u202E");
        assertThat(control.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(control.err()).contains("U+001B").doesNotContain("\u001B");
        assertThat(longReason.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(longReason.err()).contains("at most 500").doesNotContain("r".repeat(65));
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.exists(SCHEMA.killSwitch(), SCHEMA.safeMode())).isZero();
        }
    }

    @Test
    void hostileTextIsRefusedBeforeTheConfirmationIsAsked() {
        // No --yes and no terminal: were the text checked only by the kernel, the refusal would be "no terminal".
        Ctl.Run run = Ctl.run(redis.uri(), "kill", "on", "--actor", "eve\u202Eevil", "--reason", "drill");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("error: --actor ").contains("U+202E").doesNotContain("no terminal");
    }

    @Test
    void aChangeRedisDoesNotAnswerIsAFailureWithOneLineNotAUsageError() throws Exception {
        String nowhere = "redis://127.0.0.1:" + quantum.safety.process.LocalRedis.freePort();
        Ctl.Run run = Ctl.run(nowhere, "kill", "on", "--actor", "alice", "--reason", "outage", "--yes");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("error: Redis does not answer at " + nowhere + " (").contains("(connection refused)")
                .endsWith("start it, or point --redis.addr (env QUANTUM_SAFETY_REDIS_ADDR) at it")
                .doesNotContainIgnoringCase("error: error")
                .doesNotContain("Exception", "redis.clients", "\tat ");
    }
}
