package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.Decision;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * SAFE MODE pushed from both sides: a burst that trips while the streams a trip writes to are broken, and a flood of
 * reduce-only intents while SAFE MODE is on. The trip must land and block, the exits must stay within their limit.
 */
@Tag("reliability")
class SafeModeUnderPressureTest {

    private static final RedisSchema S = RedisSchema.legacy();
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void aBurstThatTripsWhileTheFaultAndAuditStreamsAreBrokenSetsSafeModeAndCountsTheLostEvents() throws Exception {
        int limit = 200;
        try (LocalRedis redis = LocalRedis.start();
             Fixtures.Kernel k = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.OPEN).globalMax(limit).build());
             ExporterServer exporter = Fixtures.exporter(redis.uri());
             Jedis jedis = redis.connect()) {
            jedis.set(S.faultStream(), "not a stream");
            jedis.hset(S.auditStream(), "not", "a stream");
            AtomicLong highestAllowed = new AtomicLong();
            ConcurrentLinkedQueue<Decision> trips = new ConcurrentLinkedQueue<>();
            DecisionBurst burst = new DecisionBurst(k.kernel(), 4, 1_000, DecisionBurst::manySymbols, d -> {
                if (d.allowed()) {
                    highestAllowed.accumulateAndGet(d.metaLong("global_count", -1), Math::max);
                }
                if (d.tripped()) {
                    trips.add(d);
                }
            });
            try (burst) {
                await().atMost(LONG).until(() -> burst.count(Reason.SAFE_MODE_ENABLED) > 200);
            }
            // The script runs one decision at a time: the limit's worth allowed, one trip, then SAFE MODE for all.
            assertThat(burst.snapshot()).containsOnlyKeys(Reason.OK, Reason.GLOBAL_RATE_EXCEEDED, Reason.SAFE_MODE_ENABLED)
                    .containsEntry(Reason.OK, (long) limit).containsEntry(Reason.GLOBAL_RATE_EXCEEDED, 1L);
            assertThat(burst.withoutRedis()).isZero();
            assertThat(highestAllowed.get()).isEqualTo(limit);
            assertThat(trips).singleElement().satisfies(trip -> {
                assertThat(trip.metaLong("global_count", -1)).isEqualTo(limit + 1);
                assertThat(trip.metaLong("lost_events", -1)).isEqualTo(2);
            });
            assertThat(jedis.get(S.safeMode())).isEqualTo("1");
            long ttl = jedis.ttl(S.safeMode());
            assertThat(ttl).isPositive();
            assertThat(jedis.hget(S.kernelTotals(), "trips")).isEqualTo("1");
            assertThat(jedis.hget(S.kernelTotals(), "lost_events")).isEqualTo("2");
            assertThat(k.kernel().failures().lostEvents()).isEqualTo(2);
            assertThat(jedis.type(S.faultStream())).isEqualTo("string");
            Metrics m = Metrics.parse(Web.get(Fixtures.metricsUrl(exporter)).body());
            assertThat(m.value("quantum_safety_safe_mode")).isEqualTo(1);
            assertThat(m.value("quantum_safety_kernel_lost_events_total")).isEqualTo(2);
            Results.record(new Results.Row("3.2", "A burst (4 threads, fail open) trips the global limit (" + limit
                            + ") while the fault stream is a string and the audit stream a hash",
                    "the trip lands whatever its events do: SAFE MODE is set first and blocks everything after; the "
                            + "events it could not write are counted in `safety:totals` `lost_events` (exported, alerted)",
                    "0 of " + burst.total() + " (Redis decided all: " + Tally.text(burst.snapshot()) + ")", "n/a", "n/a",
                    "the trip's fault and audit events (2, counted as lost)",
                    "pass: exactly " + limit + " allowed, 1 trip, 0 allowed after it; SAFE MODE on (TTL " + ttl
                            + " s); `quantum_safety_kernel_lost_events_total` 2"));
        }
    }

    @Test
    void aThousandReduceOnlyIntentsInSafeModeGetExactlyTheirSymbolLimitAndNeverTrip() throws Exception {
        int limit = 5;
        int exits = 1000;
        try (LocalRedis redis = LocalRedis.start();
             Fixtures.Kernel k = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.OPEN).globalMax(2)
                     .reduceOnlySymbolMax(limit).reduceOnlyGlobalMax(100).build());
             Jedis jedis = redis.connect()) {
            for (int i = 0; i < 3; i++) {
                k.kernel().decide(Intent.of("ETHUSDT", "BUY"));
            }
            assertThat(jedis.get(S.safeMode())).isEqualTo("1");
            long faults = jedis.xlen(S.faultStream());
            Map<String, String> totals = jedis.hgetAll(S.kernelTotals());
            Intent exit = Intent.of("BTCUSDT", "SELL").withReduceOnly(true);

            List<Decision> answers = DecisionBatch.decide(k.kernel(), 4, DecisionBatch.times(exits, exit));
            assertThat(Tally.of(answers)).containsOnlyKeys(Reason.REDUCE_ONLY_ALLOWED, Reason.REDUCE_ONLY_RATE_EXCEEDED)
                    .containsEntry(Reason.REDUCE_ONLY_ALLOWED, (long) limit);
            assertThat(answers).filteredOn(Decision::allowed).extracting(d -> d.metaLong("reduce_only_count", -1))
                    .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
            // No trip: same trips, same faults, and the plain intents still blocked by the first trip's SAFE MODE.
            assertThat(answers).noneMatch(Decision::tripped);
            assertThat(jedis.xlen(S.faultStream())).isEqualTo(faults);
            assertThat(jedis.hgetAll(S.kernelTotals())).isEqualTo(totals);
            assertThat(k.kernel().decide(Intent.of("ETHUSDT", "BUY")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
            // The kill switch stops exits too.
            jedis.set(S.killSwitch(), "1");
            List<Decision> killed = DecisionBatch.decide(k.kernel(), 4, DecisionBatch.times(100, exit));
            assertThat(Tally.of(killed)).containsOnlyKeys(Reason.KILL_SWITCH_ENGAGED);
            Results.record(new Results.Row("3.3", "SAFE MODE on after a trip: "
                            + String.format(Locale.ROOT, "%,d", exits)
                            + " reduce-only intents on one symbol at once (4 threads, limit " + limit
                            + " per symbol and 100 for all symbols per window); then 100 more with the kill switch "
                            + "engaged",
                    "exits pass only within their own per-symbol and all-symbol limits (REDUCE_ONLY_ALLOWED), the rest "
                            + "REDUCE_ONLY_RATE_EXCEEDED; never a trip; the kill switch blocks them all",
                    "0 of " + (exits + killed.size()) + " (Redis decided all: " + Tally.text(Tally.of(answers))
                            + "; with the kill switch: "
                            + Tally.text(Tally.of(killed)) + ")", "n/a", "n/a", "none",
                    "pass: exactly " + limit + " allowed; trips and fault stream unchanged"));
        }
    }
}
