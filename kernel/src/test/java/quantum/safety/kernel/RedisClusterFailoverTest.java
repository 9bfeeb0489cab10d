package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static quantum.safety.kernel.ClusterKernel.SCHEMA;
import static quantum.safety.kernel.ClusterKernel.SLOT;
import static quantum.safety.kernel.ClusterKernel.SYMBOLS;
import static quantum.safety.kernel.ClusterKernel.THREADS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.LocalRedisCluster;
import quantum.safety.testkit.NodeInfo;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The kernel on a real three-master, three-replica Redis Cluster through a manual failover of the master that owns
 * its slot ({@code CLUSTER FAILOVER} on that master's replica, which first catches up with it). The promoted replica
 * has never run the decision script (its script cache is flushed, since Redis 6.2 replicates SCRIPT LOAD and 7.x does
 * not): the kernel follows the MOVED, meets NOSCRIPT and loads the script there. The counters continue exactly where
 * the old master left them, and the SAFE MODE of a trip before the failover holds during and after it.
 */
class RedisClusterFailoverTest {

    private static final int LIMIT = 20;
    private static final int EXITS_BEFORE = 5;
    /** Reduce-only intents all close one position, so their per-symbol counter shows the continuation. */
    private static final String EXIT_SYMBOL = "XRPUSDT";

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantum.safety.kernel.RedisServers#sources")
    void afterAManualFailoverDecisionsGoOnCountersContinueAndSafeModeHolds(LocalRedis.Source source) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (LocalRedisCluster cluster = LocalRedisCluster.start(Optional.of(source));
             UnifiedJedis client = ClusterKernel.client(cluster, KernelFixture.TEST_DECISION_TIMEOUT)) {
            SafetyKernel kernel = ClusterKernel.kernel(client, LIMIT, b -> b.reduceOnlySymbolMax(1_000_000)
                    .reduceOnlyGlobalMax(1_000_000).decisionTimeout(KernelFixture.TEST_DECISION_TIMEOUT));
            List<Decision> all = new ArrayList<>();

            List<Decision> allowed = decideConcurrently(kernel, pool, LIMIT, false);
            assertThat(allowed).allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.OK));
            assertThat(globalCounts(allowed)).containsExactlyInAnyOrderElementsOf(range(1, LIMIT));
            Decision trip = kernel.decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(trip.reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
            assertThat(trip.metaLong("global_count", -1)).isEqualTo(LIMIT + 1);
            Decision blocked = kernel.decide(Intent.of("ETHUSDT", "BUY"));
            assertThat(blocked.reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
            // Exits pass SAFE MODE in their own counter, which must carry over the failover too.
            List<Decision> exitsBefore = decideConcurrently(kernel, pool, EXITS_BEFORE, true);
            assertThat(reduceOnlyCounts(exitsBefore)).containsExactlyInAnyOrderElementsOf(range(1, EXITS_BEFORE));
            all.addAll(allowed);
            all.addAll(List.of(trip, blocked));
            all.addAll(exitsBefore);

            LocalRedis oldMaster = cluster.masterOf(SLOT);
            LocalRedis replica = cluster.replicasOf(oldMaster).get(0);
            Map<String, String> safeModeInfo;
            try (Jedis onMaster = oldMaster.connect()) {
                safeModeInfo = onMaster.hgetAll(SCHEMA.safeModeInfo());
            }
            cluster.awaitReplicasInSync();
            try (Jedis onReplica = replica.connect()) {
                onReplica.scriptFlush();
            }
            long noScriptBefore = NodeInfo.errorReplies(replica).getOrDefault("NOSCRIPT", 0L);

            // One thread keeps deciding through the failover: SAFE MODE must block every one of them.
            ConcurrentLinkedQueue<Decision> during = new ConcurrentLinkedQueue<>();
            AtomicBoolean failedOver = new AtomicBoolean();
            Future<?> decider = pool.submit(() -> {
                while (!failedOver.get()) {
                    during.add(kernel.decide(Intent.of("SOLUSDT", "SELL")));
                }
            });
            LocalRedis promoted = cluster.failover(oldMaster);
            failedOver.set(true);
            decider.get();
            assertThat(promoted.port()).isEqualTo(replica.port());
            assertThat(cluster.masterOf(SLOT).port()).isEqualTo(promoted.port());
            assertThat(cluster.replicasOf(promoted)).extracting(LocalRedis::port).containsExactly(oldMaster.port());
            assertThat(during).isNotEmpty().allSatisfy(d -> {
                assertThat(d.allowed()).isFalse();
                assertThat(d.reason()).isIn(Reason.SAFE_MODE_ENABLED, Reason.FAIL_CLOSED_ERROR);
            });
            all.addAll(during);

            Decision stillBlocked = kernel.decide(Intent.of("ETHUSDT", "BUY"));
            assertThat(stillBlocked.reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
            assertThat(stillBlocked.metaLong("safe_mode_ttl", -3))
                    .isBetween(1L, (long) KernelConfig.DEFAULT_COOLDOWN_SEC);
            // Reduce-only intents pass SAFE MODE and are counted: the count goes on from the old master's.
            List<Decision> exits = decideConcurrently(kernel, pool, LIMIT, true);
            assertThat(exits).allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.REDUCE_ONLY_ALLOWED));
            assertThat(reduceOnlyCounts(exits))
                    .containsExactlyInAnyOrderElementsOf(range(EXITS_BEFORE + 1, EXITS_BEFORE + LIMIT));
            all.add(stillBlocked);
            all.addAll(exits);

            assertThat(NodeInfo.errorReplies(promoted).getOrDefault("NOSCRIPT", 0L)).isGreaterThan(noScriptBefore);
            assertThat(kernel.failures().failClosed())
                    .isEqualTo(during.stream().filter(d -> d.reason() == Reason.FAIL_CLOSED_ERROR).count());
            assertThat(kernel.failures().unreportedFailClosed()).isZero();
            try (Jedis onPromoted = promoted.connect()) {
                assertThat(onPromoted.scriptExists(DecisionScript.sha1())).isTrue();
                assertThat(onPromoted.get(SCHEMA.globalRate(trip.metaLong("bucket", -1))))
                        .isEqualTo(String.valueOf(LIMIT + 1));
                assertThat(onPromoted.get(SCHEMA.reduceOnlyRate(EXIT_SYMBOL, trip.metaLong("bucket", -1))))
                        .isEqualTo(String.valueOf(EXITS_BEFORE + LIMIT));
                assertThat(onPromoted.get(SCHEMA.safeMode())).isEqualTo("1");
                assertThat(onPromoted.hgetAll(SCHEMA.safeModeInfo())).isEqualTo(safeModeInfo)
                        .containsEntry("source", "trip");
                assertThat(onPromoted.xlen(SCHEMA.faultStream())).isEqualTo(1);
                assertThat(onPromoted.hgetAll(SCHEMA.decisionCounters())).isEqualTo(tally(all));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> reduceOnlyCounts(List<Decision> decisions) {
        return decisions.stream().map(d -> d.metaLong("reduce_only_count", -1)).toList();
    }

    /** {@code n} intents decided on {@link ClusterKernel#THREADS} threads at once. */
    private static List<Decision> decideConcurrently(SafetyKernel kernel, ExecutorService pool, int n,
                                                     boolean reduceOnly) throws Exception {
        List<Callable<Decision>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Intent intent = Intent.of(reduceOnly ? EXIT_SYMBOL : SYMBOLS[i % SYMBOLS.length], "SELL")
                    .withReduceOnly(reduceOnly);
            tasks.add(() -> kernel.decide(intent));
        }
        List<Decision> decisions = new ArrayList<>();
        for (Future<Decision> future : pool.invokeAll(tasks)) {
            decisions.add(future.get());
        }
        return decisions;
    }

    private static List<Long> globalCounts(List<Decision> decisions) {
        return decisions.stream().map(d -> d.metaLong("global_count", -1)).toList();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private static Map<String, String> tally(List<Decision> decisions) {
        return decisions.stream().collect(Collectors.groupingBy(d -> d.reason().name(),
                Collectors.collectingAndThen(Collectors.counting(), String::valueOf)));
    }
}
