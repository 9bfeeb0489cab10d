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
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.LocalRedisCluster;
import quantum.safety.testkit.SlotMigration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * The kernel on a real three-master, three-replica Redis Cluster while the slot that holds all its keys
 * ({@code {quantum}}) is resharded live, twice, with four threads deciding at every step of each reshard.
 *
 * <p>What happens (Redis 6.2 and 7.x, Jedis 6.2), and what is asserted:
 * <ul>
 *   <li>While the slot is held half-way no decision can run. The script declares its keys, four of them bases that
 *       it completes with the bucket number, so they never exist; a multi-key command of which some keys are missing
 *       on a migrating slot is refused with {@code TRYAGAIN} (7.x: by the source while it still holds any of them;
 *       6.2, and 7.x once all keys left: the source answers {@code ASK} and the target {@code TRYAGAIN}). Jedis
 *       follows MOVED and ASK; the kernel retries TRYAGAIN until its deadline, then the fail policy answers: closed
 *       here, so each such intent is blocked and counted, and the count reaches the fleet-wide hash with a later
 *       decision. (A reshard that does not stop half-way is invisible: {@link RedisClusterLiveReshardTest}.)</li>
 *   <li>Once the target owns the slot, decisions go on through ASK or MOVED. The target has never run the script; the
 *       kernel sends it by EVAL, routed by its keys, so no decision fails on NOSCRIPT.</li>
 *   <li>Counts stay exact across both moves: the global counter on the final owner is the number of counted intents,
 *       there is exactly one trip and one fault event, and nothing is left on the old owners.</li>
 * </ul>
 */
class RedisClusterMigrationTest {

    private static final int PER_STAGE = 25;

    /** The steps of one reshard; decisions are taken in each. */
    enum Stage {
        BEFORE, MIGRATING, HALF_MOVED, ALL_MOVED, TARGET_OWNS, AFTER;

        boolean slotInMotion() {
            return this == MIGRATING || this == HALF_MOVED || this == ALL_MOVED;
        }
    }

    /** One stage's decisions and the error replies the cluster sent meanwhile, by prefix (MOVED, ASK, TRYAGAIN…). */
    record StageResult(Stage stage, List<Decision> decisions, Map<String, Long> errors) {

        long errors(String prefix) {
            return errors.getOrDefault(prefix, 0L);
        }

        @Override
        public String toString() {
            return stage + " " + decisions.stream().collect(Collectors.groupingBy(
                    d -> d.reason() + (d.meta().containsKey("error") ? "/" + d.meta().get("error") : ""),
                    TreeMap::new, Collectors.counting())) + " errors " + errors;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantum.safety.kernel.RedisServers#sources")
    void decisionsGoOnThroughTwoLiveReshardsOfTheKernelsSlotAndCountsStayExact(LocalRedis.Source source)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (LocalRedisCluster cluster = LocalRedisCluster.start(Optional.of(source));
             UnifiedJedis client = ClusterKernel.client(cluster, KernelConfig.DEFAULT_DECISION_TIMEOUT)) {
            boolean redis7 = majorVersion(cluster) >= 7;
            LocalRedis first = cluster.masterOf(SLOT);
            List<LocalRedis> others = cluster.masters().stream().filter(m -> m.port() != first.port()).toList();

            // Phase 1: a limit the decisions do not reach. Phase 2: one that the decisions after the move cross once.
            // Closed at once: a kernel's settings entry is one more key in the slot, which would change which keys the
            // half move takes. Closed kernels decide as before; only their settings leave Redis.
            SafetyKernel calm = ClusterKernel.kernel(client, 1000, b -> b);
            calm.close();
            List<StageResult> phase1 = reshard(cluster, others.get(0), calm, pool);
            long counted1 = counted(phase1);
            SafetyKernel tripping = ClusterKernel.kernel(client, (int) counted1 + PER_STAGE + 5, b -> b);
            tripping.close();
            List<StageResult> phase2 = reshard(cluster, others.get(1), tripping, pool);

            List<StageResult> stages = new ArrayList<>(phase1);
            stages.addAll(phase2);
            for (StageResult result : stages) {
                assertStage(result, redis7);
            }
            for (List<StageResult> phase : List.of(phase1, phase2)) {
                // The client's slot map is stale after each move until a MOVED refreshes it.
                assertThat(phase.stream().mapToLong(r -> r.errors("MOVED")).sum()).as("%s", phase).isPositive();
            }

            List<Decision> all = stages.stream().flatMap(r -> r.decisions().stream()).toList();
            // 200 per reshard: five stages of 25 decisions and 75 after.
            assertThat(all).hasSize(2 * 8 * PER_STAGE);
            assertThat(all).filteredOn(Decision::tripped).as("%s", stages).hasSize(1);
            assertThat(all).filteredOn(d -> d.reason() == Reason.FAIL_CLOSED_ERROR).hasSizeGreaterThanOrEqualTo(
                    6 * PER_STAGE).allSatisfy(d -> assertThat(d.allowed()).isFalse())
                    .hasSize((int) (calm.failures().failClosed() + tripping.failures().failClosed()));
            assertThat(all).noneMatch(d -> d.reason() == Reason.FAIL_OPEN_ERROR);
            for (SafetyKernel kernel : List.of(calm, tripping)) {
                assertThat(kernel.failures().unreportedFailClosed()).isZero();
            }

            LocalRedis owner = others.get(1);
            assertThat(cluster.masterOf(SLOT).port()).isEqualTo(owner.port());
            try (Jedis onOwner = owner.connect()) {
                assertThat(sum(onOwner, SCHEMA.prefix() + "safety:rate:global:*")).isEqualTo(counted(stages));
                // Every decision, the failed ones reported late, is in the fleet-wide hash on the new owner.
                assertThat(onOwner.hgetAll(SCHEMA.decisionCounters())).isEqualTo(tally(all));
                assertThat(onOwner.xlen(SCHEMA.faultStream())).isEqualTo(1);
                assertThat(onOwner.get(SCHEMA.safeMode())).isEqualTo("1");
            }
            for (LocalRedis old : List.of(first, others.get(0))) {
                try (Jedis jedis = old.connect()) {
                    assertThat(jedis.clusterCountKeysInSlot(SLOT)).as("keys left on %d", old.port()).isZero();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertStage(StageResult result, boolean redis7) {
        if (result.stage().slotInMotion()) {
            assertThat(result.decisions()).as("%s", result).allSatisfy(d -> {
                assertThat(d.reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
                assertThat(d.meta()).containsEntry("error", "JedisDataException");
            });
            // The kernel retries TRYAGAIN until its deadline (Jedis does not), so each decision meets it at least once.
            assertThat(result.errors("TRYAGAIN")).as("%s", result).isGreaterThanOrEqualTo(PER_STAGE);
            boolean asked = result.stage() == Stage.ALL_MOVED || !redis7;
            if (asked) {
                assertThat(result.errors("ASK")).as("%s", result).isGreaterThanOrEqualTo(PER_STAGE);
            } else {
                assertThat(result.errors("ASK")).as("%s", result).isZero();
            }
        } else if (result.stage() == Stage.BEFORE) {
            assertThat(result.decisions()).as("%s", result)
                    .allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.OK));
        } else {
            // A new owner that has not seen the script gets it by EVAL, routed by the keys: no decision fails.
            assertThat(result.decisions()).as("%s", result).allSatisfy(d ->
                    assertThat(d.reason()).isIn(Reason.OK, Reason.GLOBAL_RATE_EXCEEDED, Reason.SAFE_MODE_ENABLED));
            assertThat(result.errors("TRYAGAIN")).as("%s", result).isZero();
        }
    }

    /** One reshard of the kernel's slot to {@code target}, with a round of decisions at every step. */
    private static List<StageResult> reshard(LocalRedisCluster cluster, LocalRedis target, SafetyKernel kernel,
                                             ExecutorService pool) throws Exception {
        List<StageResult> results = new ArrayList<>();
        SlotMigration migration = cluster.migration(SLOT, target);
        results.add(decide(Stage.BEFORE, PER_STAGE, cluster, kernel, pool));
        migration.begin();
        results.add(decide(Stage.MIGRATING, PER_STAGE, cluster, kernel, pool));
        migration.moveKeys((int) migration.keysLeft() / 2);
        assertThat(migration.keysLeft()).as("half-way").isPositive();
        results.add(decide(Stage.HALF_MOVED, PER_STAGE, cluster, kernel, pool));
        migration.moveAllKeys(2);
        results.add(decide(Stage.ALL_MOVED, PER_STAGE, cluster, kernel, pool));
        migration.assignToTarget();
        results.add(decide(Stage.TARGET_OWNS, PER_STAGE, cluster, kernel, pool));
        migration.assignEverywhere();
        results.add(decide(Stage.AFTER, 3 * PER_STAGE, cluster, kernel, pool));
        return results;
    }

    /** {@code n} decisions on {@link ClusterKernel#THREADS} threads at once, between two readings of the error counters. */
    private static StageResult decide(Stage stage, int n, LocalRedisCluster cluster, SafetyKernel kernel,
                                      ExecutorService pool) throws Exception {
        Map<String, Long> before = cluster.errorReplies();
        List<Callable<Decision>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Intent intent = Intent.of(SYMBOLS[i % SYMBOLS.length], "BUY");
            tasks.add(() -> kernel.decide(intent));
        }
        List<Decision> decisions = new ArrayList<>();
        for (Future<Decision> future : pool.invokeAll(tasks)) {
            decisions.add(future.get());
        }
        Map<String, Long> errors = new TreeMap<>();
        cluster.errorReplies().forEach((prefix, count) -> {
            long delta = count - before.getOrDefault(prefix, 0L);
            if (delta != 0) {
                errors.put(prefix, delta);
            }
        });
        return new StageResult(stage, decisions, errors);
    }


    /** Decisions that incremented the global counter. */
    private static long counted(List<StageResult> stages) {
        return stages.stream().flatMap(r -> r.decisions().stream()).filter(d -> d.meta().containsKey("global_count"))
                .count();
    }

    private static Map<String, String> tally(List<Decision> decisions) {
        return decisions.stream().collect(Collectors.groupingBy(d -> d.reason().name(),
                Collectors.collectingAndThen(Collectors.counting(), String::valueOf)));
    }

    /** Sums the counters matching {@code pattern} on one node (all buckets, should the hour roll over). */
    private static long sum(Jedis node, String pattern) {
        return node.keys(pattern).stream().mapToLong(k -> Long.parseLong(node.get(k))).sum();
    }

    private static int majorVersion(LocalRedisCluster cluster) {
        try (Jedis jedis = cluster.nodes().get(0).connect()) {
            String version = RedisServers.version(jedis);
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        }
    }
}
