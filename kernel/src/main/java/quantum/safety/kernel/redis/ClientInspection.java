package quantum.safety.kernel.redis;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.pool2.impl.GenericObjectPool;

import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * What the kernel must know about a client it is handed: whether it talks to a Redis Cluster, and how long its
 * pools may make a caller wait. Jedis keeps the connection provider in a protected field without an accessor, so it
 * is read reflectively; when that fails nothing is assumed.
 */
public final class ClientInspection {

    private ClientInspection() {
    }

    /** The client routes through a Cluster connection provider, whatever class wraps it. */
    public static boolean isCluster(UnifiedJedis redis) {
        return redis instanceof JedisCluster || provider(redis).orElse(null) instanceof ClusterConnectionProvider;
    }

    /**
     * Refuses a client whose pools would let a caller wait for a free connection without limit or longer than
     * {@code deadline}: such a wait would outlast the decision it belongs to.
     */
    public static void requirePoolWaitWithin(UnifiedJedis redis, Duration deadline) {
        for (GenericObjectPool<?> pool : pools(redis)) {
            if (!pool.getBlockWhenExhausted()) {
                continue;
            }
            Duration wait = pool.getMaxWaitDuration();
            if (wait.isNegative()) {
                throw new IllegalArgumentException("the Redis connection pool waits without limit for a free "
                        + "connection; set its max wait to at most the decision timeout (" + deadline.toMillis()
                        + " ms), or open the client with RedisConnector.forDecisions(...)");
            }
            if (wait.compareTo(deadline) > 0) {
                throw new IllegalArgumentException("the Redis connection pool waits up to " + wait.toMillis()
                        + " ms for a free connection, longer than the decision timeout (" + deadline.toMillis()
                        + " ms); lower its max wait, or open the client with RedisConnector.forDecisions(...)");
            }
        }
    }

    private static List<GenericObjectPool<?>> pools(UnifiedJedis redis) {
        List<GenericObjectPool<?>> pools = new ArrayList<>();
        ConnectionProvider provider = provider(redis).orElse(null);
        if (provider instanceof PooledConnectionProvider pooled) {
            pools.add(pooled.getPool());
        } else if (provider instanceof ClusterConnectionProvider cluster) {
            pools.addAll(cluster.getNodes().values());
        }
        return pools;
    }

    private static Optional<ConnectionProvider> provider(UnifiedJedis redis) {
        try {
            Field field = UnifiedJedis.class.getDeclaredField("provider");
            field.setAccessible(true);
            return Optional.ofNullable((ConnectionProvider) field.get(redis));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
