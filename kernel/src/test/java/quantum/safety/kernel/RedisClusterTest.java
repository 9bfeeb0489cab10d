package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * The decision script on a real Redis Cluster (one node owning every slot, through Jedis' cluster client): with a
 * hash-tagged prefix every key of a decision shares one slot; without one the kernel refuses to start.
 */
class RedisClusterTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantum.safety.kernel.RedisServers#sources")
    void decidesAndTripsOnClusterWithAHashTaggedPrefix(LocalRedis.Source source) throws IOException {
        try (LocalRedis node = clusterOfOne(source); Jedis admin = node.connect()) {

            try (UnifiedJedis cluster = RedisConnector.to(RedisEndpoint.parse("redis+cluster://" + node.host() + ":"
                    + node.port()), RedisCredentials.none()).forDecisions(KernelFixture.TEST_DECISION_TIMEOUT).open()) {
                RedisSchema tagged = RedisSchema.withPrefix("{quantum}:");
                SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().globalMax(1).windowSeconds(3600)
                        .decisionTimeout(KernelFixture.TEST_DECISION_TIMEOUT).build(), cluster, tagged);

                assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
                assertThat(kernel.decide(Intent.of("ETHUSDT", "BUY")).reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
                assertThat(kernel.decide(Intent.of("ETHUSDT", "BUY")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
                assertThat(kernel.failures().failClosed()).isZero();
                assertThat(admin.xlen("{quantum}:stream:safety.fault")).isEqualTo(1);
                kernel.operations().clearSafeMode("alice", "cluster drill over");
                assertThat(admin.exists("{quantum}:safety:safe_mode")).isFalse();

                assertThatThrownBy(() -> SafetyKernel.create(KernelConfig.defaults(), cluster, RedisSchema.legacy()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{quantum}:");
            }
        }
    }

    /**
     * The Cluster guard looks at how the client routes, not at its class: a plain {@link UnifiedJedis} over a
     * Cluster connection provider is a cluster client too. And a client that was not opened to enforce the decision
     * deadline is refused.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("quantum.safety.kernel.RedisServers#sources")
    void theClusterGuardLooksAtTheConnectionProviderAndOnlyDecisionClientsAreAccepted(LocalRedis.Source source) throws IOException {
        try (LocalRedis node = clusterOfOne(source); Jedis admin = node.connect()) {
            GenericObjectPoolConfig<Connection> bounded = new GenericObjectPoolConfig<>();
            bounded.setMaxWait(Duration.ofMillis(100));
            Set<HostAndPort> seeds = Set.of(new HostAndPort(node.host(), node.port()));

            try (UnifiedJedis plain = new UnifiedJedis(new ClusterConnectionProvider(seeds,
                    DefaultJedisClientConfig.builder().build(), bounded), 3, Duration.ofSeconds(1))) {
                assertThatThrownBy(() -> SafetyKernel.create(KernelConfig.defaults(), plain, RedisSchema.legacy()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash tag");
                // Tagged, it is still refused: nothing bounds its waits by the decision deadline.
                assertThatThrownBy(() -> SafetyKernel.create(KernelConfig.defaults(), plain,
                        RedisSchema.withPrefix("{q}:"))).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("does not enforce the decision timeout");
            }
            try (JedisCluster unbounded = new JedisCluster(seeds)) {
                assertThatThrownBy(() -> SafetyKernel.create(KernelConfig.defaults(), unbounded,
                        RedisSchema.withPrefix("{q}:"))).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("does not enforce the decision timeout");
            }
        }
    }

    /** A Redis Cluster of one node that owns every slot, ready to serve them. */
    private static LocalRedis clusterOfOne(LocalRedis.Source source) throws IOException {
        LocalRedis node = LocalRedis.start(Optional.of(source), "--cluster-enabled", "yes");
        try (Jedis admin = node.connect()) {
            admin.clusterAddSlots(IntStream.range(0, 16384).toArray());
            await().atMost(Duration.ofSeconds(15)).until(() -> admin.clusterInfo().contains("cluster_state:ok"));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }
}
