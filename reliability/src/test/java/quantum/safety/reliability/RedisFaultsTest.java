package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.Decision;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.FailureStats;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

/**
 * Redis crashing, stalling, running out of memory and coming back empty, under a burst of decisions and a scrape
 * loop. Each test records what it measured into the results table.
 */
@Tag("reliability")
class RedisFaultsTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final Duration LONG = Duration.ofSeconds(30);
    /** The kernels of these tests keep the default decision deadline. */
    private static final long DEADLINE_MS = KernelConfig.DEFAULT_DECISION_TIMEOUT_MS;

    /** Under {@code open}: the fail-open cap per window, below what the outage brings, so the cap is seen at work. */
    private static final int FAIL_OPEN_CAP = 100;

    @Test
    void killedDuringABurstTheFailPolicyAnswersWithinItsCapAndTheLateCountsReachRedisAfterTheRestart() throws Exception {
        for (FailPolicy policy : FailPolicy.values()) {
            try (LocalRedis redis = LocalRedis.start();
                 Fixtures.Kernel k = Fixtures.kernel(redis.uri(),
                         Fixtures.config(policy).failOpenGlobalMax(FAIL_OPEN_CAP).build())) {
                long outageMillis;
                DecisionBurst burst = new DecisionBurst(k.kernel(), 2, 2_000);
                try (burst) {
                    await().atMost(LONG).until(() -> burst.count(Reason.OK) > 200);
                    long down = System.nanoTime();
                    redis.kill();
                    await().atMost(LONG).until(() -> burst.withoutRedis() > 2 * FAIL_OPEN_CAP);
                    redis.restart();
                    long up = System.nanoTime();
                    outageMillis = (up - down) / 1_000_000;
                    burst.recovery().watchFrom(up);
                    await().atMost(LONG).until(() -> burst.recovery().recovered());
                }
                long allowedWithoutRedis = policy == FailPolicy.OPEN ? FAIL_OPEN_CAP : 0;
                // Nothing was known to block (SAFE MODE off), so the policy answered every one; open only up to its cap.
                assertThat(burst.withoutRedisSnapshot()).containsOnlyKeys(policy == FailPolicy.OPEN
                        ? new Reason[] {Reason.FAIL_OPEN_ERROR, Reason.FAIL_CLOSED_ERROR}
                        : new Reason[] {Reason.FAIL_CLOSED_ERROR});
                assertThat(burst.count(Reason.FAIL_OPEN_ERROR)).isEqualTo(allowedWithoutRedis);
                FailureStats stats = k.kernel().failures();
                assertThat(stats.failOpen()).isEqualTo(burst.count(Reason.FAIL_OPEN_ERROR));
                assertThat(stats.failClosed()).isEqualTo(burst.count(Reason.FAIL_CLOSED_ERROR));
                assertThat(stats.failOpenCapped()).isEqualTo(policy == FailPolicy.OPEN
                        ? burst.count(Reason.FAIL_CLOSED_ERROR) : 0);
                // Every decision taken without Redis reaches the fleet-wide hashes with a later successful call.
                try (Jedis jedis = redis.connect()) {
                    await().atMost(LONG).untilAsserted(() -> {
                        assertThat(k.kernel().decide(Intent.of("FLUSH", "BUY")).reason()).isEqualTo(Reason.OK);
                        FailureStats now = k.kernel().failures();
                        assertThat(now.unreportedFailOpen() + now.unreportedFailClosed()).isZero();
                        assertThat(jedis.hget(SCHEMA.decisionCounters(), "FAIL_CLOSED_ERROR"))
                                .isEqualTo(String.valueOf(now.failClosed()));
                        assertThat(jedis.hget(SCHEMA.decisionCounters(), "FAIL_OPEN_ERROR"))
                                .isEqualTo(now.failOpen() == 0 ? null : String.valueOf(now.failOpen()));
                        assertThat(jedis.hget(SCHEMA.kernelTotals(), "fail_open"))
                                .isEqualTo(now.failOpen() == 0 ? null : String.valueOf(now.failOpen()));
                    });
                }
                boolean open = policy == FailPolicy.OPEN;
                Results.record(new Results.Row(open ? "1.1" : "1.2",
                        "Redis killed (SIGKILL) during a burst of decisions (2 threads), restarted; fail policy "
                                + (open ? "open, capped at " + FAIL_OPEN_CAP + " per (one-hour) window" : "closed"),
                        open ? "decide() never throws; while Redis is down the open policy allows at most its cap "
                                + "(FAIL_OPEN_ERROR), then blocks (FAIL_CLOSED_ERROR); the late counts reach "
                                + "`safety:decisions` and `safety:totals` `fail_open` after the restart"
                                : "decide() never throws; while Redis is down every intent is blocked "
                                + "(FAIL_CLOSED_ERROR); the late counts reach `safety:decisions` after the restart",
                        burst.withoutRedisText("outage " + outageMillis + " ms"),
                        "n/a", Results.ms(burst.recovery().millis()) + " after Redis answered",
                        "every key (no persistence in the test); the counts of decisions taken without Redis: none lost",
                        open ? "pass: exactly " + FAIL_OPEN_CAP + " allowed without Redis" : "pass: none allowed"));
            }
        }
    }

    @Test
    void killedDuringScrapesEveryScrapeIsAnsweredWithRedisUpZeroAndTheExporterRecoversAlone() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); ExporterServer exporter = Fixtures.exporter(redis.uri())) {
            ScrapeLoop scrapes = new ScrapeLoop(Fixtures.metricsUrl(exporter), 100);
            long outage;
            try (scrapes) {
                await().atMost(LONG).until(() -> scrapes.lastUpNanos() > 0);
                long down = System.nanoTime();
                redis.kill();
                await().atMost(LONG).until(() -> scrapes.redisDown() >= 5);
                redis.restart();
                long up = System.nanoTime();
                outage = (up - down) / 1_000_000;
                scrapes.recovery().watchFrom(up);
                await().atMost(LONG).until(() -> scrapes.recovery().recovered());
            }
            assertThat(scrapes.failed()).isZero();
            Results.record(new Results.Row("1.3", "Redis killed during scrapes (every 100 ms), restarted",
                    "every scrape answered 200 with `quantum_safety_redis_up 0`; the exporter reconnects without a restart",
                    "n/a", scrapes.failed() + " of " + scrapes.scrapes() + " (" + scrapes.redisDown()
                            + " answered with redis_up 0, outage " + outage + " ms)",
                    Results.ms(scrapes.recovery().millis()) + " to redis_up 1", "none (the exporter keeps no state)", "pass"));
        }
    }

    @Test
    void pausedWithClientPauseAndSigstopDecisionsFollowTheFailPolicyScrapesStayAnswered() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             Fixtures.Kernel k = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.CLOSED).build());
             ExporterServer exporter = Fixtures.exporter(redis.uri())) {
            // CLIENT PAUSE: the server holds every client for 2 s, then carries on.
            DecisionBurst burst = new DecisionBurst(k.kernel(), 2, 5_000);
            ScrapeLoop scrapes = new ScrapeLoop(Fixtures.metricsUrl(exporter), 200);
            try (burst; scrapes) {
                await().atMost(LONG).until(() -> burst.count(Reason.OK) > 50 && scrapes.lastUpNanos() > 0);
                long pausedAt = System.nanoTime();
                try (Jedis jedis = redis.connect()) {
                    jedis.clientPause(2000, ClientPauseMode.ALL);
                }
                burst.recovery().watchFrom(pausedAt + 2_000_000_000L);
                await().atMost(LONG).until(() -> burst.withoutRedis() > 0 && burst.recovery().recovered());
            }
            assertThat(burst.withoutRedisSnapshot()).containsOnlyKeys(Reason.FAIL_CLOSED_ERROR);
            assertThat(scrapes.failed()).isZero();
            long ranLate;
            try (Jedis jedis = redis.connect()) {
                ranLate = WindowCounters.ranAfterTheDeadline(jedis, SCHEMA, burst.count(Reason.OK));
            }
            assertThat(ranLate).isBetween(0L, burst.withoutRedis());
            Results.record(new Results.Row("1.4", "`CLIENT PAUSE 2000 ALL` during decisions (fail closed, 2 threads) and scrapes",
                    "a decision waits at most the decision deadline (" + Results.ms(DEADLINE_MS)
                            + ", pool wait, connect and replies together), then the fail policy answers; scrapes end by their deadline",
                    burst.withoutRedisText(),
                    scrapes.failed() + " of " + scrapes.scrapes(), Results.ms(burst.recovery().millis()) + " after the pause ended",
                    "none (the pause only delays)", "pass; " + ranLate(ranLate, "the pause")));

            // SIGSTOP: the process is frozen, connections stay open, nothing answers.
            DecisionBurst frozen = new DecisionBurst(k.kernel(), 2, 5_000);
            ScrapeLoop frozenScrapes = new ScrapeLoop(Fixtures.metricsUrl(exporter), 200);
            long window;
            try (frozen; frozenScrapes) {
                await().atMost(LONG).until(() -> frozen.count(Reason.OK) > 50);
                long stoppedAt = System.nanoTime();
                redis.pause();
                try {
                    await().atMost(LONG).until(() -> frozen.withoutRedis() > 20 && frozenScrapes.redisDown() > 0);
                } finally {
                    redis.resume();
                }
                long resumed = System.nanoTime();
                window = (resumed - stoppedAt) / 1_000_000;
                frozen.recovery().watchFrom(resumed);
                frozenScrapes.recovery().watchFrom(resumed);
                await().atMost(LONG).until(() -> frozen.recovery().recovered() && frozenScrapes.recovery().recovered());
            }
            assertThat(frozen.withoutRedisSnapshot()).containsOnlyKeys(Reason.FAIL_CLOSED_ERROR);
            assertThat(frozenScrapes.failed()).isZero();
            long frozenRanLate;
            try (Jedis jedis = redis.connect()) {
                frozenRanLate = WindowCounters.ranAfterTheDeadline(jedis, SCHEMA,
                        burst.count(Reason.OK) + frozen.count(Reason.OK)) - ranLate;
            }
            assertThat(frozenRanLate).isBetween(0L, frozen.withoutRedis());
            Results.record(new Results.Row("1.5", "redis-server frozen (SIGSTOP) then thawed (SIGCONT), fail closed",
                    "as for a pause: each decision ends by its deadline; pooled connections that timed out are replaced",
                    frozen.withoutRedisText("frozen " + window + " ms"),
                    frozenScrapes.failed() + " of " + frozenScrapes.scrapes() + " (" + frozenScrapes.redisDown()
                            + " with redis_up 0)",
                    "decisions " + Results.ms(frozen.recovery().millis()) + ", scrapes "
                            + Results.ms(frozenScrapes.recovery().millis()) + " after SIGCONT",
                    "none", "pass; " + ranLate(frozenRanLate, "SIGCONT")));
        }
    }

    /** How many decisions answered at their deadline Redis still ran once it went on: counted in the window. */
    static String ranLate(long n, String after) {
        return n + " of the decisions answered at their deadline still ran in Redis after " + after
                + " (counted in the window)";
    }

    @Test
    void outOfMemoryWithNoevictionNeverClearsSafeModeAndFailOpenStillHonoursTheFlag() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             Fixtures.Kernel tripper = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.OPEN).globalMax(1).build());
             Fixtures.Kernel open = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.OPEN).build());
             Fixtures.Kernel closed = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.CLOSED).build());
             Jedis jedis = redis.connect()) {
            tripper.kernel().decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(tripper.kernel().decide(Intent.of("BTCUSDT", "BUY")).tripped()).isTrue();
            jedis.configSet("maxmemory-policy", "noeviction");
            jedis.configSet("maxmemory", "1");
            int n = 200;
            List<Decision> seen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (Fixtures.Kernel k : List.of(open, closed)) {
                    seen.add(k.kernel().decide(Intent.of("ETHUSDT", "SELL")));
                }
            }
            assertThat(jedis.get(SCHEMA.safeMode())).isEqualTo("1");
            assertThat(jedis.ttl(SCHEMA.safeMode())).isPositive();
            // Nothing gets through, under either policy: the script blocks on SAFE MODE before its first write, and
            // where Redis refuses the script itself the kernel reads the flags directly.
            assertThat(seen).allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.SAFE_MODE_ENABLED));
            long byScript = seen.stream().filter(d -> !DecisionBurst.answeredWithoutRedis(d)).count();
            long byRead = seen.stream().filter(d -> "read".equals(d.meta().get("flags"))).count();
            assertThat(byScript + byRead).isEqualTo(2L * n);

            // With SAFE MODE off, fail open allows and fail closed blocks, as configured.
            jedis.configSet("maxmemory", "0");
            jedis.del(SCHEMA.safeMode());
            jedis.configSet("maxmemory", "1");
            assertThat(open.kernel().decide(Intent.of("ETHUSDT", "SELL")).reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(closed.kernel().decide(Intent.of("ETHUSDT", "SELL")).reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
            jedis.configSet("maxmemory", "0");
            assertThat(open.kernel().decide(Intent.of("ETHUSDT", "SELL")).reason()).isEqualTo(Reason.OK);
            assertThat(closed.kernel().decide(Intent.of("ETHUSDT", "SELL")).reason()).isEqualTo(Reason.OK);
            // The statistics Redis refused during the OOM period came with these two decisions.
            assertThat(jedis.hget(SCHEMA.decisionCounters(), "SAFE_MODE_ENABLED")).isEqualTo(String.valueOf(2 * n));
            String decided = byRead == 0
                    ? "0 of " + (2 * n) + ": Redis ran the script every time, and it blocked on SAFE MODE before its "
                            + "first write (SAFE_MODE_ENABLED " + byScript + ")"
                    : byRead + " of " + (2 * n) + " (SAFE_MODE_ENABLED from the flags read directly, Redis refusing "
                            + "the script); the other " + byScript + " blocked by the script (SAFE_MODE_ENABLED)";
            Results.record(new Results.Row("1.6", "Redis out of memory (`maxmemory 1`, `noeviction`) while SAFE MODE is on; "
                            + "kernels fail open and fail closed",
                    "SAFE MODE is never cleared; nothing is allowed under either policy while SAFE MODE is on (the script "
                            + "blocks before its first write; when Redis refuses the script, the kernel reads the flags "
                            + "directly); with the flags off the fail policy answers",
                    decided, "n/a", "first decision after memory is freed",
                    "none: the decision statistics Redis refused reach `safety:decisions` with the first decisions "
                            + "after memory is freed",
                    "pass: 0 of " + (2 * n) + " allowed"));
        }
    }

    @Test
    void restartedEmptyFlagsAndCountersAreGoneAndTheExporterShowsIt() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             Fixtures.Kernel k = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.OPEN).globalMax(3).build());
             ExporterServer exporter = Fixtures.exporter(redis.uri());
             Jedis jedis = redis.connect()) {
            for (int i = 0; i < 4; i++) {
                k.kernel().decide(Intent.of("BTCUSDT", "BUY"));
            }
            Metrics before = Metrics.parse(Web.get(Fixtures.metricsUrl(exporter)).body());
            assertThat(before.value("quantum_safety_safe_mode")).isEqualTo(1);
            assertThat(before.value("quantum_safety_faults_total")).isEqualTo(1);
            redis.kill();
            redis.restart();
            await().atMost(LONG).untilAsserted(() -> {
                Metrics after = Metrics.parse(Web.get(Fixtures.metricsUrl(exporter)).body());
                assertThat(after.value("quantum_safety_redis_up")).isEqualTo(1);
                assertThat(after.value("quantum_safety_safe_mode")).isZero();
                assertThat(after.value("quantum_safety_faults_total")).isZero();
            });
            // The pooled connections died with the server: the first use of each is answered without Redis, and the
            // last state the kernel read (SAFE MODE, with time left) blocks it, although fail open is configured.
            List<Decision> stale = new ArrayList<>();
            for (Decision d = k.kernel().decide(Intent.of("BTCUSDT", "BUY")); d.reason() != Reason.OK;
                 d = k.kernel().decide(Intent.of("BTCUSDT", "BUY"))) {
                stale.add(d);
                assertThat(stale).hasSizeLessThan(100);
            }
            assertThat(stale).allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.SAFE_MODE_ENABLED));
            try (Jedis fresh = redis.connect()) {
                assertThat(fresh.exists(SCHEMA.safeMode())).isFalse();
            }
            Results.record(new Results.Row("1.7", "Redis restarted empty (no persistence) after a trip; kernel fail open",
                    "documented, not prevented: SAFE MODE, the kill switch, counters, streams are gone; counters "
                            + "restart at 0 (Prometheus sees a counter reset); intents are allowed again",
                    stale.size() + " (one per pooled connection broken by the restart: "
                            + Tally.text(Tally.of(stale)) + " from the last state read; then OK)", "0", "at once",
                    "SAFE MODE flag, fault/audit streams, totals: all lost; run Redis with AOF or a replica", "pass"));
        }
    }
}
