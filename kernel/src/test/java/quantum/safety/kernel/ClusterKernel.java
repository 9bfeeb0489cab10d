package quantum.safety.kernel;

import java.time.Duration;
import java.util.function.UnaryOperator;

import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.testkit.LocalRedisCluster;
import redis.clients.jedis.UnifiedJedis;

/**
 * The kernel on a real three-master, three-replica Redis Cluster, the way the cluster tests run it: every key under
 * one hash tag, so that one slot holds a whole decision; four threads deciding, one symbol each; kernels that fail
 * closed, keep one bucket for the hour and never reach a per-symbol limit.
 */
final class ClusterKernel {

    static final RedisSchema SCHEMA = RedisSchema.withPrefix("{quantum}:");
    /** The slot that holds every key of the kernel. */
    static final int SLOT = LocalRedisCluster.slotOf("{quantum}");
    static final int THREADS = 4;
    /** One symbol for each deciding thread. */
    static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"};

    private ClusterKernel() {
    }

    /** A client to the cluster's nodes that enforces {@code deadline} on every decision, as a service opens it. */
    static UnifiedJedis client(LocalRedisCluster cluster, Duration deadline) {
        return RedisConnector.to(RedisEndpoint.parse(cluster.address()), RedisCredentials.none())
                .forDecisions(deadline).open();
    }

    /** A kernel that trips past {@code globalMax} intents in the hour, with {@code tweak} applied last. */
    static SafetyKernel kernel(UnifiedJedis client, int globalMax, UnaryOperator<KernelConfig.Builder> tweak) {
        KernelConfig.Builder config = KernelConfig.builder().kernelId("test-kernel").windowSeconds(3600)
                .globalMax(globalMax).symbolMax(1_000_000).failPolicy(FailPolicy.CLOSED);
        return SafetyKernel.create(tweak.apply(config).build(), client, SCHEMA);
    }
}
