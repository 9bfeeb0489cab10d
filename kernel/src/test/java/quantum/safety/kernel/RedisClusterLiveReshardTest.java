package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static quantum.safety.kernel.ClusterKernel.SCHEMA;
import static quantum.safety.kernel.ClusterKernel.SLOT;
import static quantum.safety.kernel.ClusterKernel.SYMBOLS;
import static quantum.safety.kernel.ClusterKernel.THREADS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.LocalRedisCluster;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * A reshard as an operator runs it (the slot's keys moved at full speed, no pause between the steps) while four
 * threads keep deciding: every decision is a real one. The moments when the kernel's keys are split between two
 * nodes answer TRYAGAIN, which the kernel retries within its deadline; the new owner gets the script by EVAL,
 * routed by the keys. Counts stay exact: the global counter on the final owner is the number of counted intents.
 */
class RedisClusterLiveReshardTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantum.safety.kernel.RedisServers#sources")
    void decisionsGoOnThroughAFullSpeedReshardAndCountsStayExact(LocalRedis.Source source) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (LocalRedisCluster cluster = LocalRedisCluster.start(Optional.of(source));
             UnifiedJedis client = ClusterKernel.client(cluster, KernelConfig.DEFAULT_DECISION_TIMEOUT)) {
            SafetyKernel kernel = ClusterKernel.kernel(client, 1_000_000, b -> b);
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            ConcurrentLinkedQueue<Decision> decisions = new ConcurrentLinkedQueue<>();
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> deciders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String symbol = SYMBOLS[t];
                deciders.add(pool.submit(() -> {
                    while (!done.get()) {
                        decisions.add(kernel.decide(Intent.of(symbol, "BUY")));
                    }
                }));
            }

            LocalRedis first = cluster.masterOf(SLOT);
            for (LocalRedis target : cluster.masters().stream().filter(m -> m.port() != first.port()).toList()) {
                cluster.migrateSlot(SLOT, target, 5);
            }
            done.set(true);
            for (Future<?> decider : deciders) {
                decider.get();
            }

            assertThat(decisions).hasSizeGreaterThan(THREADS)
                    .allSatisfy(d -> assertThat(d.reason()).as("%s", d).isEqualTo(Reason.OK));
            assertThat(kernel.failures().failClosed()).isZero();
            try (Jedis owner = cluster.masterOf(SLOT).connect()) {
                long bucket = decisions.peek().metaLong("bucket", -1);
                assertThat(owner.get(SCHEMA.globalRate(bucket))).isEqualTo(String.valueOf(decisions.size() + 1));
                assertThat(owner.hget(SCHEMA.decisionCounters(), "OK")).isEqualTo(String.valueOf(decisions.size() + 1));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
