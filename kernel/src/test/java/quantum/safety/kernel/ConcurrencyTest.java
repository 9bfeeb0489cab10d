package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import redis.clients.jedis.UnifiedJedis;

/** Many threads deciding at once lose no increment and produce exactly the trips the limits imply. */
class ConcurrencyTest {

    private static final String BOTH = "quantum.safety.kernel.RedisServers#both";
    private static final int THREADS = 8;
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"};

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void legacyBugThreeNonAtomicRoundTripsCountersAreExactUnderEightThreads(RedisServers.Server server) throws Exception {
        try (KernelFixture f = new KernelFixture(server);
             UnifiedJedis pool = KernelFixture.client(server.redis(), KernelFixture.TEST_DECISION_TIMEOUT)) {
            // A day-long window keeps (almost always) one bucket; the sums below hold across buckets anyway.
            SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().windowSeconds(86_400).decisionTimeout(KernelFixture.TEST_DECISION_TIMEOUT)
                    .globalMax(1_000_000).symbolMax(1_000_000).build(), pool, f.schema);

            List<Decision> decisions = decideConcurrently(kernel, 500);

            assertThat(decisions).hasSize(THREADS * 500).allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.OK));
            assertThat(sum(f, "quantum:safety:rate:global:*")).isEqualTo(THREADS * 500L);
            for (String symbol : SYMBOLS) {
                assertThat(sum(f, "quantum:safety:rate:symbol:" + symbol + ":*")).isEqualTo(THREADS * 500L / SYMBOLS.length);
                double ranked = f.raw.keys("quantum:safety:rate:top:*").stream()
                        .mapToDouble(k -> f.raw.zscore(k, symbol)).sum();
                assertThat(ranked).isEqualTo(THREADS * 500.0 / SYMBOLS.length);
            }
            assertThat(f.decisions()).containsExactly(Map.entry("OK", String.valueOf(THREADS * 500)));
            // Every global count from 1 to N was seen exactly once: no two decisions shared an increment.
            assertThat(decisions.stream().map(d -> d.metaLong("global_count", -1)).distinct().count())
                    .isEqualTo(THREADS * 500L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void legacyBugThreeNonAtomicRoundTripsExactlyOneTripAndMaxAllowedUnderEightThreads(RedisServers.Server server) throws Exception {
        try (KernelFixture f = new KernelFixture(server);
             UnifiedJedis pool = KernelFixture.client(server.redis(), KernelFixture.TEST_DECISION_TIMEOUT)) {
            SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().windowSeconds(86_400).decisionTimeout(KernelFixture.TEST_DECISION_TIMEOUT).globalMax(300)
                    .symbolMax(1_000_000).build(), pool, f.schema);

            List<Decision> decisions = decideConcurrently(kernel, 100);
            Set<String> buckets = f.raw.keys("quantum:safety:rate:global:*");
            Assumptions.assumeTrue(buckets.size() == 1, "the run straddled a day boundary (UTC)");

            Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
            decisions.forEach(d -> byReason.merge(d.reason(), 1L, Long::sum));
            assertThat(byReason).containsEntry(Reason.OK, 300L).containsEntry(Reason.GLOBAL_RATE_EXCEEDED, 1L)
                    .containsEntry(Reason.SAFE_MODE_ENABLED, THREADS * 100L - 301);
            assertThat(decisions.stream().filter(Decision::tripped).findFirst().orElseThrow().meta())
                    .containsEntry("global_count", 301L);
            assertThat(f.faults()).hasSize(1);
            assertThat(f.raw.get(buckets.iterator().next())).isEqualTo("301");
            assertThat(f.decisions()).containsEntry("OK", "300").containsEntry("GLOBAL_RATE_EXCEEDED", "1")
                    .containsEntry("SAFE_MODE_ENABLED", String.valueOf(THREADS * 100 - 301));
        }
    }

    private static List<Decision> decideConcurrently(SafetyKernel kernel, int perThread) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Decision>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    List<Decision> mine = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        mine.add(kernel.decide(Intent.of(SYMBOLS[i % SYMBOLS.length], i % 2 == 0 ? "BUY" : "SELL")));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Decision> all = new ArrayList<>();
            for (Future<List<Decision>> future : futures) {
                all.addAll(future.get(120, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            executor.shutdownNow();
        }
    }

    private static long sum(KernelFixture f, String pattern) {
        return f.raw.keys(pattern).stream().mapToLong(k -> Long.parseLong(f.raw.get(k))).sum();
    }
}
