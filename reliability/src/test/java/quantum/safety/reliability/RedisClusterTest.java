package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.FailPolicy;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.LocalRedisCluster;
import redis.clients.jedis.Jedis;

/**
 * The kernel on a real Redis Cluster of three masters and three replicas, with the hash-tagged prefix, while its slot
 * is resharded live (the keys moved at full speed, as {@code redis-cli --cluster reshard} does) and then while the
 * master that owns it hands over to its replica ({@code CLUSTER FAILOVER}). Decisions go on, and the counters on the
 * slot's owner match the answers exactly.
 */
@Tag("reliability")
class RedisClusterTest {

    private static final RedisSchema SCHEMA = RedisSchema.withPrefix("{quantum}:");
    private static final int SLOT = LocalRedisCluster.slotOf("{quantum}");
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final int THREADS = 4;

    @Test
    void decisionsGoOnThroughALiveReshardAndAManualFailoverOfTheKernelsSlotWithExactCounts() throws Exception {
        try (LocalRedisCluster cluster = LocalRedisCluster.start();
             Fixtures.Kernel k = Fixtures.kernel(Fixtures.connector(cluster.address()),
                     Fixtures.config(FailPolicy.CLOSED).build(), SCHEMA)) {
            assertThat(k.kernel().decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            long okBefore = 1;

            LocalRedis source = cluster.masterOf(SLOT);
            LocalRedis target = cluster.masters().stream().filter(m -> m.port() != source.port()).findFirst().orElseThrow();
            Map<String, Long> errorsBefore = cluster.errorReplies();
            DecisionBurst reshard = new DecisionBurst(k.kernel(), THREADS, 1_000);
            long reshardMillis;
            try (reshard) {
                await().atMost(LONG).until(() -> reshard.count(Reason.OK) > 200);
                long started = System.nanoTime();
                cluster.migrateSlot(SLOT, target, 5);
                long moved = System.nanoTime();
                reshardMillis = (moved - started) / 1_000_000;
                reshard.recovery().watchFrom(moved);
                await().atMost(LONG).until(() -> reshard.recovery().recovered());
            }
            // Every decision was a real one: the TRYAGAIN of the split moments was retried within the deadline.
            assertThat(reshard.snapshot()).containsOnlyKeys(Reason.OK);
            assertThat(cluster.masterOf(SLOT).port()).isEqualTo(target.port());
            long okAfterReshard = okBefore + reshard.count(Reason.OK);
            assertCounts(target, okAfterReshard, Map.of("OK", String.valueOf(okAfterReshard)));
            Map<String, Long> reshardErrors = since(errorsBefore, cluster.errorReplies());
            Results.record(new Results.Row("2.3", "Redis Cluster (3 masters + 3 replicas, prefix `{quantum}:`): live "
                            + "reshard of the kernel's slot to another master (keys moved 5 at a time, no pause) during "
                            + "a burst of decisions (" + THREADS + " threads), fail closed",
                    "decisions go on: a moment when the slot's keys are split answers TRYAGAIN, retried within the "
                            + "deadline; the new owner gets the script by EVAL; counters move with the slot, exact",
                    reshard.withoutRedisText(),
                    "n/a", "reshard took " + Results.ms(reshardMillis) + "; no decision failed",
                    "none", "pass: on the new owner the global counter and `safety:decisions` OK = " + okAfterReshard
                            + " = the decisions taken; the servers answered the kernel " + errorText(reshardErrors)));

            LocalRedis replica = cluster.replicasOf(target).get(0);
            Map<String, Long> errorsBeforeFailover = cluster.errorReplies();
            DecisionBurst failover = new DecisionBurst(k.kernel(), THREADS, 1_000);
            long failoverMillis;
            LocalRedis promoted;
            try (failover) {
                await().atMost(LONG).until(() -> failover.count(Reason.OK) > 200);
                long started = System.nanoTime();
                promoted = cluster.failover(target);
                long done = System.nanoTime();
                failoverMillis = (done - started) / 1_000_000;
                failover.recovery().watchFrom(done);
                await().atMost(LONG).until(() -> failover.recovery().recovered());
            }
            assertThat(promoted.port()).isEqualTo(replica.port());
            assertThat(cluster.masterOf(SLOT).port()).isEqualTo(promoted.port());
            // While the old master held its writers for the hand-over, a decision past its deadline was blocked.
            assertThat(failover.snapshot().keySet()).isSubsetOf(Reason.OK, Reason.FAIL_CLOSED_ERROR);
            assertThat(failover.withoutRedisSnapshot().keySet()).isSubsetOf(Reason.FAIL_CLOSED_ERROR);
            // The next decision reports the blocked ones to the new master.
            long flushed = 0;
            for (Decision d = k.kernel().decide(Intent.of("FLUSH", "BUY")); d.reason() != Reason.OK;
                 d = k.kernel().decide(Intent.of("FLUSH", "BUY"))) {
                assertThat(d.reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
                assertThat(++flushed).isLessThan(100);
            }
            long ok = okAfterReshard + failover.count(Reason.OK) + 1;
            long failClosed = k.kernel().failures().failClosed();
            long ranLate;
            try (Jedis jedis = promoted.connect()) {
                // Exact: the scripts counted each intent once in both places, the late report every blocked answer.
                long counted = WindowCounters.global(jedis, SCHEMA);
                assertThat(jedis.hget(SCHEMA.decisionCounters(), "OK")).isEqualTo(String.valueOf(counted));
                assertThat(jedis.hget(SCHEMA.decisionCounters(), "FAIL_CLOSED_ERROR"))
                        .isEqualTo(failClosed == 0 ? null : String.valueOf(failClosed));
                // A blocked decision whose script still ran after its deadline is the one way to count more.
                ranLate = counted - ok;
                assertThat(ranLate).isBetween(0L, failClosed);
            }
            Map<String, Long> failoverErrors = since(errorsBeforeFailover, cluster.errorReplies());
            Results.record(new Results.Row("2.4", "Redis Cluster: manual failover (`CLUSTER FAILOVER` on the replica) "
                            + "of the master that owns the kernel's slot, during a burst of decisions (" + THREADS
                            + " threads), fail closed",
                    "decisions go on with the promoted replica without a restart (it gets the script by EVAL); a "
                            + "decision held past its deadline while the old master holds its writers would be blocked "
                            + "(FAIL_CLOSED_ERROR) and reported late; counters continue exactly",
                    failover.withoutRedisText(),
                    "n/a", "failover took " + Results.ms(failoverMillis) + "; decisions "
                            + Results.ms(failover.recovery().millis()) + " after it",
                    "none (the replica catches up before it takes over)",
                    "pass: on the promoted master the global counter = " + ok + " decisions allowed"
                            + (ranLate == 0 ? "" : " + " + ranLate + " blocked at their deadline whose script still ran")
                            + ", `safety:decisions` = the answers; the servers answered the kernel "
                            + errorText(failoverErrors)));
        }
    }

    /** The global counters (all buckets) and the decisions hash on {@code owner}, exactly. */
    private static void assertCounts(LocalRedis owner, long counted, Map<String, String> decisions) {
        try (Jedis jedis = owner.connect()) {
            assertThat(WindowCounters.global(jedis, SCHEMA)).isEqualTo(counted);
            assertThat(jedis.hgetAll(SCHEMA.decisionCounters())).isEqualTo(decisions);
        }
    }

    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((name, n) -> {
            long d = n - before.getOrDefault(name, 0L);
            if (d > 0) {
                out.put(name, d);
            }
        });
        return out;
    }

    /**
     * The redirections and refusals of the kernel's commands, as the servers counted them. Other error replies are
     * left out: Redis 7.0 answers ERR to the CLIENT SETINFO that Jedis sends on every new connection.
     */
    private static String errorText(Map<String, Long> errors) {
        String text = errors.entrySet().stream().filter(e -> CLUSTER_REPLIES.contains(e.getKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return text.isEmpty() ? "none" : text;
    }

    private static final List<String> CLUSTER_REPLIES = List.of("ASK", "MOVED", "NOSCRIPT", "TRYAGAIN");
}
