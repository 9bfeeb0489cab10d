package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.Decision;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.LocalRedis;
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

    @Test
    void killedDuringABurstTheFailPolicyAnswersAndTheLateCountsReachRedisAfterTheRestart() throws Exception {
        for (FailPolicy policy : FailPolicy.values()) {
            try (LocalRedis redis = LocalRedis.start();
                 Fixtures.Kernel k = Fixtures.kernel(redis.uri(), Fixtures.config(policy).build())) {
                long outageMillis;
                DecisionBurst burst = new DecisionBurst(k.kernel(), 2, 2_000);
                try (burst) {
                    await().atMost(LONG).until(() -> burst.count(Reason.OK) > 200);
                    long down = System.nanoTime();
                    redis.kill();
                    await().atMost(LONG).until(() -> burst.failures() > 200);
                    redis.restart();
                    long up = System.nanoTime();
                    outageMillis = (up - down) / 1_000_000;
                    burst.recovery().watchFrom(up);
                    await().atMost(LONG).until(() -> burst.recovery().recovered() && burst.count(Reason.OK) > 0);
                }
                Reason failReason = policy == FailPolicy.OPEN ? Reason.FAIL_OPEN_ERROR : Reason.FAIL_CLOSED_ERROR;
                Reason other = policy == FailPolicy.OPEN ? Reason.FAIL_CLOSED_ERROR : Reason.FAIL_OPEN_ERROR;
                assertThat(burst.count(other)).isZero();
                // Every decision taken without Redis reaches the fleet-wide hash with a later successful call.
                k.kernel().decide(Intent.of("FLUSH", "BUY"));
                try (Jedis jedis = redis.connect()) {
                    await().atMost(LONG).untilAsserted(() -> {
                        k.kernel().decide(Intent.of("FLUSH", "BUY"));
                        assertThat(jedis.hget(SCHEMA.decisionCounters(), failReason.name()))
                                .isEqualTo(String.valueOf(burst.count(failReason)));
                    });
                }
                Results.record(new Results.Row(policy == FailPolicy.OPEN ? "1.1" : "1.2",
                        "Redis killed (SIGKILL) during a burst of decisions, restarted; fail policy " + policy.name().toLowerCase(),
                        "decide() never throws; the fail policy answers (" + failReason + "); the late counts reach "
                                + "`safety:decisions` after the restart",
                        burst.failures() + " of " + burst.total() + " (" + failReason + ", outage " + outageMillis + " ms)",
                        "n/a", Results.ms(burst.recovery().millis()) + " after Redis answered",
                        "every key (no persistence in the test); fail-policy counts reported late: none lost",
                        "pass"));
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
                await().atMost(LONG).until(() -> burst.failures() > 0 && burst.recovery().recovered());
            }
            assertThat(burst.count(Reason.FAIL_OPEN_ERROR)).isZero();
            assertThat(scrapes.failed()).isZero();
            Results.record(new Results.Row("1.4", "`CLIENT PAUSE 2000 ALL` during decisions (fail closed) and scrapes",
                    "a decision waits at most the socket timeout (500 ms here), then the fail policy answers; scrapes end by their deadline",
                    burst.failures() + " of " + burst.total() + " (FAIL_CLOSED_ERROR)",
                    scrapes.failed() + " of " + scrapes.scrapes(), Results.ms(burst.recovery().millis()) + " after the pause ended",
                    "none (the pause only delays)", "pass"));

            // SIGSTOP: the process is frozen, connections stay open, nothing answers.
            DecisionBurst frozen = new DecisionBurst(k.kernel(), 2, 5_000);
            ScrapeLoop frozenScrapes = new ScrapeLoop(Fixtures.metricsUrl(exporter), 200);
            long window;
            try (frozen; frozenScrapes) {
                await().atMost(LONG).until(() -> frozen.count(Reason.OK) > 50);
                long stoppedAt = System.nanoTime();
                redis.pause();
                try {
                    await().atMost(LONG).until(() -> frozen.failures() > 20 && frozenScrapes.redisDown() > 0);
                } finally {
                    redis.resume();
                }
                long resumed = System.nanoTime();
                window = (resumed - stoppedAt) / 1_000_000;
                frozen.recovery().watchFrom(resumed);
                frozenScrapes.recovery().watchFrom(resumed);
                await().atMost(LONG).until(() -> frozen.recovery().recovered() && frozenScrapes.recovery().recovered());
            }
            assertThat(frozen.count(Reason.FAIL_OPEN_ERROR)).isZero();
            assertThat(frozenScrapes.failed()).isZero();
            Results.record(new Results.Row("1.5", "redis-server frozen (SIGSTOP) then thawed (SIGCONT), fail closed",
                    "as for a pause; pooled connections that timed out are replaced",
                    frozen.failures() + " of " + frozen.total() + " (FAIL_CLOSED_ERROR, frozen " + window + " ms)",
                    frozenScrapes.failed() + " of " + frozenScrapes.scrapes() + " (" + frozenScrapes.redisDown()
                            + " with redis_up 0)",
                    "decisions " + Results.ms(frozen.recovery().millis()) + ", scrapes "
                            + Results.ms(frozenScrapes.recovery().millis()) + " after SIGCONT",
                    "none", "pass"));
        }
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
            Map<Reason, Long> seen = new java.util.EnumMap<>(Reason.class);
            for (int i = 0; i < n; i++) {
                for (Fixtures.Kernel k : java.util.List.of(open, closed)) {
                    Decision d = k.kernel().decide(Intent.of("ETHUSDT", "SELL"));
                    seen.merge(d.reason(), 1L, Long::sum);
                }
            }
            assertThat(jedis.get(SCHEMA.safeMode())).isEqualTo("1");
            assertThat(jedis.ttl(SCHEMA.safeMode())).isPositive();
            // Nothing gets through: Redis 7 runs the script until its first write (SAFE MODE blocks before any), 6.2
            // refuses the script, and then fail open still reads the flag instead of allowing.
            assertThat(seen.keySet()).allSatisfy(r -> assertThat(r.allowed()).isFalse());
            assertThat(seen.getOrDefault(Reason.SAFE_MODE_ENABLED, 0L) + seen.getOrDefault(Reason.FAIL_CLOSED_ERROR, 0L))
                    .isEqualTo(2L * n);

            // With SAFE MODE off, fail open allows and fail closed blocks, as configured.
            jedis.configSet("maxmemory", "0");
            jedis.del(SCHEMA.safeMode());
            jedis.configSet("maxmemory", "1");
            assertThat(open.kernel().decide(Intent.of("ETHUSDT", "SELL")).reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(closed.kernel().decide(Intent.of("ETHUSDT", "SELL")).reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
            jedis.configSet("maxmemory", "0");
            assertThat(open.kernel().decide(Intent.of("ETHUSDT", "SELL")).reason()).isEqualTo(Reason.OK);
            Results.record(new Results.Row("1.6", "Redis out of memory (`maxmemory 1`, `noeviction`) while SAFE MODE is on",
                    "SAFE MODE is never cleared; decisions follow the fail policy, but fail open still blocks on a "
                            + "SAFE MODE or kill switch it can read",
                    (2 * n) + " of " + (2 * n) + " decisions blocked (" + seen + ")", "n/a",
                    "first decision after memory is freed", "statistics of the OOM period (the script did not run)",
                    "pass"));
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
            // The pooled connections died with the server: the first use of each is answered by the fail policy.
            int stale = 0;
            while (k.kernel().decide(Intent.of("BTCUSDT", "BUY")).reason() != Reason.OK) {
                stale++;
                assertThat(stale).isLessThan(100);
            }
            try (Jedis fresh = redis.connect()) {
                assertThat(fresh.exists(SCHEMA.safeMode())).isFalse();
            }
            Results.record(new Results.Row("1.7", "Redis restarted empty (no persistence) after a trip",
                    "documented, not prevented: SAFE MODE, the kill switch, counters, streams are gone; counters "
                            + "restart at 0 (Prometheus sees a counter reset); intents are allowed again",
                    stale + " (one per pooled connection broken by the restart, then OK)", "0", "at once",
                    "SAFE MODE flag, fault/audit streams, totals: all lost; run Redis with AOF or a replica", "pass"));
        }
    }
}
