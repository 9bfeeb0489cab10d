package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.FailureStats;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.exceptions.JedisBusyException;

/**
 * Redis answering too late for a decision while it is still up: a stall longer than the decision deadline but shorter
 * than a plain socket timeout, the kernel's connection pool used up by its own service, another client's script that
 * keeps the server busy. Every decision ends by its deadline and the last state read, then the fail policy, answers.
 */
@Tag("reliability")
class RedisStallsTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final long DEADLINE_MS = KernelConfig.DEFAULT_DECISION_TIMEOUT_MS;
    /** Longer than the decision deadline, shorter than the connector's 1 s socket timeout without one. */
    private static final int STALL_MS = 600;
    private static final int THREADS = 4;
    /** Fail-open cap of the open kernel with SAFE MODE off: small, so that the stall can use it up. */
    private static final int FAIL_OPEN_CAP = 5;

    /** What one kernel saw through one stall. */
    private record Seen(String name, DecisionBurst burst, FailureStats failures) {
        String text() {
            return name + ": " + burst.withoutRedis() + " of " + burst.total() + " ("
                    + Tally.text(burst.withoutRedisSnapshot()) + ")";
        }
    }

    @Test
    void aStallLongerThanTheDeadlineEndsEveryDecisionByItAndSafeModeAsLastReadBlocksWhateverThePolicy() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             Fixtures.Kernel open = Fixtures.kernel(redis.uri(),
                     Fixtures.config(FailPolicy.OPEN).failOpenGlobalMax(FAIL_OPEN_CAP).build());
             Fixtures.Kernel closed = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.CLOSED).build());
             Jedis admin = redis.connect()) {
            // SAFE MODE on before the stall: both kernels have read it, so it blocks whatever they cannot ask Redis.
            admin.setex(SCHEMA.safeMode(), 600, "1");
            List<Seen> on = stall(redis, admin, open, closed, Reason.SAFE_MODE_ENABLED);
            for (Seen seen : on) {
                assertThat(seen.burst().snapshot()).containsOnlyKeys(Reason.SAFE_MODE_ENABLED);
                assertThat(seen.burst().withoutRedis()).isPositive();
                assertThat(seen.failures().lastKnownBlocks()).isEqualTo(seen.burst().withoutRedis());
            }
            Results.record(new Results.Row("1.8", "`CLIENT PAUSE " + STALL_MS + " ALL` while SAFE MODE is on (set "
                            + "beforehand, 600 s TTL): longer than the " + DEADLINE_MS + " ms decision deadline, shorter "
                            + "than the 1 s socket timeout of a client opened without it; a kernel fail open and one fail "
                            + "closed, " + THREADS + " threads each",
                    "each decision ends by its deadline; SAFE MODE as the kernel last read it blocks every intent it "
                            + "cannot ask Redis about, whatever the policy: nothing is allowed",
                    on.get(0).text() + "; " + on.get(1).text() + "; all from the last state read; longest decision "
                            + Results.ms(longest(on)),
                    "n/a", recovery(on), "none (the pause only delays)",
                    "pass: 0 allowed; every answer SAFE_MODE_ENABLED"));

            admin.del(SCHEMA.safeMode());
            List<Seen> off = stall(redis, admin, closed, open, Reason.OK);
            Seen closedSeen = off.get(0);
            Seen openSeen = off.get(1);
            assertThat(closedSeen.burst().withoutRedisSnapshot()).containsOnlyKeys(Reason.FAIL_CLOSED_ERROR);
            // The open kernel's cap is per window: at most FAIL_OPEN_CAP of its answers without Redis allow.
            long openWithout = openSeen.burst().withoutRedis();
            assertThat(openSeen.burst().withoutRedis(Reason.FAIL_OPEN_ERROR)).isEqualTo(Math.min(FAIL_OPEN_CAP, openWithout));
            assertThat(openSeen.burst().withoutRedis(Reason.FAIL_CLOSED_ERROR))
                    .isEqualTo(openWithout - Math.min(FAIL_OPEN_CAP, openWithout));
            long ranLate = WindowCounters.ranAfterTheDeadline(admin, SCHEMA,
                    closedSeen.burst().count(Reason.OK) + openSeen.burst().count(Reason.OK));
            assertThat(ranLate).isBetween(0L, closedSeen.burst().withoutRedis() + openSeen.burst().withoutRedis());
            Results.record(new Results.Row("1.9", "`CLIENT PAUSE " + STALL_MS + " ALL` with SAFE MODE off; a kernel "
                            + "fail closed and one fail open (capped at " + FAIL_OPEN_CAP + " per one-hour window), " + THREADS
                            + " threads each",
                    "each decision ends by its deadline; then the fail policy answers: closed blocks "
                            + "(FAIL_CLOSED_ERROR), open allows at most its cap (FAIL_OPEN_ERROR), then blocks",
                    closedSeen.text() + "; " + openSeen.text() + "; longest decision " + Results.ms(longest(off)),
                    "n/a", recovery(off), "none (the pause only delays)",
                    "pass: " + openSeen.burst().withoutRedis(Reason.FAIL_OPEN_ERROR)
                            + " allowed without Redis, all by the open kernel within its cap; "
                            + RedisFaultsTest.ranLate(ranLate, "the pause")));
        }
    }

    /**
     * Runs a burst on each kernel, pauses every client of the server for {@link #STALL_MS} once both bursts have had
     * {@code before} from Redis, and stops once both have had a decision from Redis again after the pause.
     */
    private static List<Seen> stall(LocalRedis redis, Jedis admin, Fixtures.Kernel first, Fixtures.Kernel second,
                                    Reason before) {
        DecisionBurst a = new DecisionBurst(first.kernel(), THREADS, 2_000);
        DecisionBurst b = new DecisionBurst(second.kernel(), THREADS, 2_000);
        try (a; b) {
            await().atMost(LONG).until(() -> a.count(before) > 20 && b.count(before) > 20);
            long pausedAt = System.nanoTime();
            admin.clientPause(STALL_MS, ClientPauseMode.ALL);
            long ends = pausedAt + TimeUnit.MILLISECONDS.toNanos(STALL_MS);
            a.recovery().watchFrom(ends);
            b.recovery().watchFrom(ends);
            await().atMost(LONG).until(() -> a.recovery().recovered() && b.recovery().recovered());
        }
        return List.of(new Seen(policyOf(first), a, first.kernel().failures()),
                new Seen(policyOf(second), b, second.kernel().failures()));
    }

    private static String policyOf(Fixtures.Kernel k) {
        return "fail " + k.kernel().config().failPolicy().name().toLowerCase(Locale.ROOT);
    }

    private static long longest(List<Seen> seen) {
        return seen.stream().mapToLong(s -> s.burst().longestMillis()).max().orElse(0);
    }

    private static String recovery(List<Seen> seen) {
        return seen.stream().map(s -> s.name() + " " + Results.ms(s.burst().recovery().millis()))
                .reduce((x, y) -> x + ", " + y).orElse("") + " after the pause ended";
    }

    @Test
    void aConnectionPoolUsedUpByTheServiceItselfEndsEachDecisionByTheDeadline() throws Exception {
        int connections = 4;
        try (LocalRedis redis = LocalRedis.start();
             Fixtures.Kernel k = Fixtures.kernel(Fixtures.connector(redis.uri()).maxConnections(connections),
                     Fixtures.config(FailPolicy.CLOSED).build(), SCHEMA);
             Jedis admin = redis.connect()) {
            assertThat(k.kernel().decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            // The service shares the kernel's client for a blocking read, on as many threads as the pool has
            // connections: each BLPOP holds one until something arrives.
            ExecutorService holders = Executors.newFixedThreadPool(connections);
            List<Future<?>> held = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                held.add(holders.submit(() -> k.redis().blpop(60, "service:queue")));
            }
            await().atMost(LONG).until(() -> admin.clientList().lines().filter(l -> l.contains("cmd=blpop")).count()
                    == connections);
            DecisionBurst burst = new DecisionBurst(k.kernel(), THREADS, 2_000);
            try (burst) {
                await().atMost(LONG).until(() -> burst.total() >= 24);
            }
            long released = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                admin.rpush("service:queue", "job-" + i);
            }
            for (Future<?> h : held) {
                h.get(30, TimeUnit.SECONDS);
            }
            holders.shutdown();
            await().atMost(LONG).pollInterval(Duration.ofMillis(5))
                    .until(() -> k.kernel().decide(Intent.of("ETHUSDT", "BUY")).reason() == Reason.OK);
            long recoveryMillis = (System.nanoTime() - released) / 1_000_000;

            assertThat(burst.snapshot()).containsOnlyKeys(Reason.FAIL_CLOSED_ERROR);
            assertThat(burst.withoutRedis()).isEqualTo(burst.total());
            assertThat(admin.hget(SCHEMA.decisionCounters(), "FAIL_CLOSED_ERROR"))
                    .isEqualTo(String.valueOf(k.kernel().failures().failClosed()));
            Results.record(new Results.Row("1.10", "Connection pool used up: the service shares the kernel's client "
                            + "(" + connections + " connections) for " + connections + " blocking BLPOPs; " + THREADS
                            + " threads decide meanwhile; fail closed",
                    "a decision waits for a connection at most its deadline (" + DEADLINE_MS + " ms, the pool's max "
                            + "wait is capped at it), then the fail policy answers; counted in `safety:decisions` later",
                    burst.withoutRedisText(),
                    "n/a", Results.ms(recoveryMillis) + " after the BLPOPs returned their connections",
                    "none", "pass: 0 allowed"));
        }
    }

    @Test
    void anotherClientsBusyScriptCountsAsRedisUnavailable() throws Exception {
        try (LocalRedis redis = LocalRedis.start("--lua-time-limit", "100");
             Fixtures.Kernel k = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.CLOSED).build());
             // Connected before the script runs: a new connection's handshake would itself get BUSY.
             Jedis killer = redis.connect();
             Jedis other = redis.connect()) {
            killer.ping();
            other.ping();
            DecisionBurst burst = new DecisionBurst(k.kernel(), 2, 2_000);
            long busyMillis;
            try (burst) {
                await().atMost(LONG).until(() -> burst.count(Reason.OK) > 50);
                long started = System.nanoTime();
                CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                    try {
                        return other.eval("local n = 0 while true do n = n + 1 end");
                    } catch (RuntimeException e) {
                        return e;
                    }
                });
                await().atMost(LONG).ignoreExceptions().until(() -> {
                    try {
                        killer.ping();
                        return false;
                    } catch (JedisBusyException e) {
                        return true;
                    }
                });
                long before = burst.withoutRedis();
                // About a second of BUSY at the burst's pace.
                await().atMost(LONG).until(() -> burst.withoutRedis() > before + 1000);
                killer.scriptKill();
                running.join();
                long killed = System.nanoTime();
                busyMillis = (killed - started) / 1_000_000;
                burst.recovery().watchFrom(killed);
                await().atMost(LONG).until(() -> burst.recovery().recovered());
            }
            assertThat(burst.withoutRedisSnapshot()).containsOnlyKeys(Reason.FAIL_CLOSED_ERROR);
            assertThat(burst.count(Reason.FAIL_OPEN_ERROR)).isZero();
            Results.record(new Results.Row("1.11", "Another client's script runs for ever (`--lua-time-limit 100`, "
                            + "then every other client gets BUSY) during a burst of decisions (2 threads), until SCRIPT KILL; "
                            + "fail closed",
                    "BUSY counts as Redis unavailable: a decision waits at most until the time limit (within its "
                            + "deadline), then the fail policy answers at once; after SCRIPT KILL decisions go on "
                            + "without a kernel restart",
                    burst.withoutRedisText("busy " + busyMillis + " ms"),
                    "n/a", Results.ms(burst.recovery().millis()) + " after SCRIPT KILL", "none", "pass: 0 allowed"));
        }
    }
}
