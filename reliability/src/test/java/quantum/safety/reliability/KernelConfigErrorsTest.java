package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * The kernel pointed at Redis with the wrong credentials or too few rights: not an outage, whatever the fail policy.
 * Every intent is blocked with CONFIG_ERROR, nothing reaches Redis, and the log names what to fix (never a password).
 */
@Tag("reliability")
class KernelConfigErrorsTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final int PER_KERNEL = 200;

    @Test
    void aWrongPasswordBlocksEveryIntentWithConfigErrorUnderBothPolicies() throws Exception {
        String right = "right-" + System.nanoTime();
        String wrong = "wrong-" + System.nanoTime();
        try (LocalRedis redis = LocalRedis.start("--requirepass", right); Jedis admin = redis.connect()) {
            admin.auth(right);
            Outcome outcome = burst(redis.uri(), RedisCredentials.ofPassword(wrong), admin);
            assertThat(outcome.log()).contains("REDIS_PASSWORD").doesNotContain(wrong).doesNotContain(right);
            Results.record(new Results.Row("5.5", "The kernel with a wrong Redis password (`requirepass` set), fail "
                            + "policy open and closed, " + PER_KERNEL + "+ decisions each on 2 threads",
                    "a configuration error is not an outage: CONFIG_ERROR whatever the policy, nothing allowed, nothing "
                            + "written; an error line (at most one a minute) names the setting to fix, never a password",
                    outcome.text(), "n/a", "n/a", "n/a", "pass: 0 allowed; " + outcome.logLines()
                            + " error lines (at most one a minute per kernel)"));
        }
    }

    @Test
    void anAclUserWithoutTheScriptingCommandsBlocksEveryIntentWithConfigErrorUnderBothPolicies() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); Jedis admin = redis.connect()) {
            admin.aclSetUser("trader", "on", ">trader-password", "~*", "+@all", "-evalsha", "-eval");
            Outcome outcome = burst("redis://trader@" + redis.host() + ":" + redis.port(),
                    RedisCredentials.ofPassword("trader-password"), admin);
            assertThat(outcome.log()).contains("+evalsha").doesNotContain("trader-password");
            Results.record(new Results.Row("5.6", "The kernel as an ACL user without EVALSHA and EVAL (`+@all "
                            + "-evalsha -eval`), fail policy open and closed, " + PER_KERNEL + "+ decisions each on 2 threads",
                    "CONFIG_ERROR whatever the policy, nothing allowed, nothing written; the error line names the "
                            + "grants the user needs",
                    outcome.text(), "n/a", "n/a", "n/a", "pass: 0 allowed; " + outcome.logLines()
                            + " error lines (at most one a minute per kernel)"));
        }
    }

    /** What two kernels (open, closed) answered, and what the kernel logged at ERROR meanwhile. */
    private record Outcome(String text, String log, int logLines) {
    }

    private static Outcome burst(String uri, RedisCredentials credentials, Jedis admin) {
        Logger logger = (Logger) LoggerFactory.getLogger(SafetyKernel.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (Fixtures.Kernel open = Fixtures.kernel(Fixtures.connector(uri, credentials),
                     Fixtures.config(FailPolicy.OPEN).build(), RedisSchema.legacy());
             Fixtures.Kernel closed = Fixtures.kernel(Fixtures.connector(uri, credentials),
                     Fixtures.config(FailPolicy.CLOSED).build(), RedisSchema.legacy())) {
            DecisionBurst onOpen = new DecisionBurst(open.kernel(), 2, 1_000);
            DecisionBurst onClosed = new DecisionBurst(closed.kernel(), 2, 1_000);
            try (onOpen; onClosed) {
                await().atMost(LONG).until(() -> onOpen.total() >= PER_KERNEL && onClosed.total() >= PER_KERNEL);
            }
            for (DecisionBurst b : List.of(onOpen, onClosed)) {
                assertThat(b.snapshot()).containsOnlyKeys(Reason.CONFIG_ERROR);
                assertThat(b.withoutRedis()).isEqualTo(b.total());
            }
            assertThat(open.kernel().failures().configErrors()).isEqualTo(onOpen.total());
            assertThat(closed.kernel().failures().configErrors()).isEqualTo(onClosed.total());
            assertThat(open.kernel().failures().failOpen()).isZero();
            // Nothing reached Redis: no counter, no statistics.
            assertThat(admin.dbSize()).isZero();
            List<ILoggingEvent> errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertThat(errors).isNotEmpty();
            String log = logs.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                    .collect(Collectors.joining("\n"));
            String text = "fail open: " + onOpen.total() + " of " + onOpen.total() + " ("
                    + Tally.text(onOpen.snapshot()) + "); fail closed: " + onClosed.total() + " of "
                    + onClosed.total() + " (" + Tally.text(onClosed.snapshot()) + ")";
            return new Outcome(text, log, errors.size());
        } finally {
            logger.detachAppender(logs);
        }
    }
}
