package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.kernel.Decision;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.XAddParams;

/** Garbage in every key of the contract: the exporter answers 200 with bounded series, the kernel never throws. */
@Tag("reliability")
class HostileDataTest {

    private static final RedisSchema S = RedisSchema.legacy();

    @Test
    void everyKeyWithTheWrongTypeAndGarbageValuesGivesNo500AndBoundedSeries() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             ExporterServer exporter = Fixtures.exporter(redis.uri(), b -> b.windowSeconds(10));
             Fixtures.Kernel closed = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.CLOSED).build());
             Fixtures.Kernel open = Fixtures.kernel(redis.uri(), Fixtures.config(FailPolicy.OPEN).build());
             Jedis jedis = redis.connect()) {
            List<SafetyKernel> kernels = List.of(closed.kernel(), open.kernel());
            List<Decision> answers = new ArrayList<>();
            long bucket = jedis.time().get(0) == null ? 0 : Long.parseLong(jedis.time().get(0)) / 10;
            String[] stringKeys = {S.safeMode(), S.killSwitch(), S.executionMode(), S.governorGate(), S.globalRate(bucket)};
            String[] otherKeys = {S.faultStream(), S.tradeIntentStream(), S.decisionCounters(), S.kernelTotals(),
                    S.symbolRanking(bucket), S.safeModeInfo(), S.auditStream()};
            int rounds = 0;
            long scrapes = 0;
            // Round 1: every key of the wrong type.
            for (String key : stringKeys) {
                jedis.del(key);
                jedis.hset(key, "x", "1");
            }
            for (String key : otherKeys) {
                jedis.del(key);
                jedis.set(key, "not a " + key);
            }
            scrapes += assertScrapeSurvives(exporter);
            // A flag of another type is on, under either policy: the kill switch first, then SAFE MODE alone.
            answers.addAll(decideAll(kernels, Reason.KILL_SWITCH_ENGAGED));
            jedis.del(S.killSwitch());
            answers.addAll(decideAll(kernels, Reason.SAFE_MODE_ENABLED));
            rounds++;
            // Round 2: right types, hostile values.
            jedis.flushAll();
            String huge = "9".repeat(400);
            jedis.set(S.safeMode(), "\"1\"\n");
            jedis.set(S.killSwitch(), "yes");
            jedis.set(S.executionMode(), "LIVE\"} 1\nfake_metric 1");
            jedis.set(S.globalRate(bucket), huge);
            jedis.hset(S.decisionCounters(), Map.of("OK", huge, "FAIL_OPEN_ERROR", "-1e309", "x\"y", "NaN"));
            jedis.hset(S.kernelTotals(), Map.of("trips", "abc", "fail_open", "1e400"));
            jedis.pexpire(S.safeMode(), -5);
            jedis.set(S.safeMode(), "1");
            String longSymbol = "S".repeat(10_240);
            for (String symbol : new String[] {"quo\"te", "new\nline", "ünï😀", longSymbol, "back\\slash"}) {
                jedis.zadd(S.symbolRanking(bucket), 3, symbol);
                jedis.xadd(S.faultStream(), Map.of("timestamp", "soon", "reason", symbol, "symbol", symbol),
                        XAddParams.xAddParams());
            }
            jedis.xadd(S.faultStream(), Map.of("nothing", "here"), XAddParams.xAddParams());
            jedis.xadd(S.tradeIntentStream(), Map.of("data", "{not json"), XAddParams.xAddParams());
            scrapes += assertScrapeSurvives(exporter);
            // Values that are not exactly "0" are on; with the flags off, a counter that is not a count blocks.
            answers.addAll(decideAll(kernels, Reason.KILL_SWITCH_ENGAGED));
            jedis.del(S.killSwitch());
            answers.addAll(decideAll(kernels, Reason.SAFE_MODE_ENABLED));
            jedis.del(S.safeMode());
            jedis.set(S.globalRate(Long.parseLong(jedis.time().get(0)) / 3600), huge);
            answers.addAll(decideAll(kernels, Reason.STATE_UNREADABLE));
            rounds++;
            // Round 3: 100,000 symbols in one window (ranking and legacy counters).
            jedis.flushAll();
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 100_000; i++) {
                p.zadd(S.symbolRanking(bucket), i % 1000, "SYM" + i);
                p.set(S.symbolRate("SYM" + i, bucket), String.valueOf(i % 1000));
            }
            p.sync();
            Metrics m = Metrics.parse(Web.get(Fixtures.metricsUrl(exporter)).body());
            scrapes++;
            assertThat(m.count("quantum_safety_rate_symbol_top{")).isLessThanOrEqualTo(5);
            assertThat(m.series().size()).isLessThan(300);
            rounds++;
            SafetyKernel kernel = closed.kernel();
            // A 10 KB symbol never reaches Redis: Intent refuses it before the kernel (a caller's bug, not data).
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> kernel.decide(Intent.of(longSymbol, "SELL")));
            Results.record(new Results.Row("3.1", "Hostile Redis data: every contract key of the wrong type; quotes, newlines, "
                    + "unicode, 10 KB symbols, 400-digit and non-finite numbers, negative TTLs, malformed stream entries; "
                    + "100,000 symbols in one window",
                    "no HTTP 500, no crash; the bad key fails its collector (`collector_success 0`, counted, logged); "
                            + "label cardinality bounded; the kernel takes a flag of another type or with any value but "
                            + "\"0\" as on, and a counter that is not a count as a reason to block, whatever the policy",
                    "0 of " + answers.size() + " (Redis decided all, for a kernel fail closed and one fail open: "
                            + Tally.text(Tally.of(answers))
                            + "; 0 allowed, 0 exceptions)", "0 of " + scrapes + " (" + rounds + " rounds)",
                    "n/a", "n/a", "pass; " + m.series().size() + " series with 100,000 symbols"));
        }
    }

    /** Each kernel decides one intent; every answer must be {@code expected}, from Redis. */
    private static List<Decision> decideAll(List<SafetyKernel> kernels, Reason expected) {
        List<Decision> answers = new ArrayList<>();
        for (SafetyKernel kernel : kernels) {
            Decision d = kernel.decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(d.reason()).as("%s", d).isEqualTo(expected);
            assertThat(DecisionBurst.answeredWithoutRedis(d)).isFalse();
            answers.add(d);
        }
        return answers;
    }

    /** One scrape must answer 200, parse, and report the bad keys as collector failures. */
    private static int assertScrapeSurvives(ExporterServer exporter) {
        Web.Answer answer = Web.get(Fixtures.metricsUrl(exporter));
        assertThat(answer.status()).isEqualTo(200);
        Metrics m = Metrics.parse(answer.body());
        assertThat(m.value("quantum_safety_redis_up")).isEqualTo(1);
        Map<String, Double> failing = new HashMap<>();
        m.series().forEach((s, v) -> {
            if (s.startsWith("quantum_safety_collector_success{") && v == 0) {
                failing.put(s, v);
            }
        });
        assertThat(failing).isNotEmpty();
        assertThat(answer.body()).doesNotContain("fake_metric 1\n");
        return 1;
    }
}
