package quantum.safety.kernel.redis;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * What the kernel must know about a client it is handed: whether it talks to a Redis Cluster, and whether it enforces
 * a decision's deadline. Only a client opened by {@link RedisConnector#forDecisions} is known to bound every wait
 * (pool, connect, socket, Cluster retries); any other could keep a decision waiting for seconds, so it is refused.
 */
public final class ClientInspection {

    /** Clients opened for decisions, with their deadline; weak keys, so a closed and dropped client is forgotten. */
    private static final Map<UnifiedJedis, Duration> DECISION_CLIENTS = Collections.synchronizedMap(new WeakHashMap<>());

    private ClientInspection() {
    }

    static void registerDecisionClient(UnifiedJedis client, Duration deadline) {
        DECISION_CLIENTS.put(client, deadline);
    }

    /** The client routes through a Cluster connection provider, whatever class wraps it. */
    public static boolean isCluster(UnifiedJedis redis) {
        return redis instanceof JedisCluster || provider(redis).orElse(null) instanceof ClusterConnectionProvider;
    }

    /**
     * Refuses a client that was not opened by {@link RedisConnector#forDecisions} with a deadline of at most
     * {@code timeout}: its pool, connect or socket timeouts could outlast the decision it serves.
     */
    public static void requireDecisionClient(UnifiedJedis redis, Duration timeout) {
        Duration deadline = DECISION_CLIENTS.get(redis);
        if (deadline == null) {
            throw new IllegalArgumentException("the Redis client does not enforce the decision timeout ("
                    + timeout.toMillis() + " ms): its pool, connect and socket waits could outlast a decision; open it "
                    + "with RedisConnector.to(endpoint, credentials).forDecisions(config.decisionTimeout()).open()");
        }
        if (deadline.compareTo(timeout) > 0) {
            throw new IllegalArgumentException("the Redis client enforces a deadline of " + deadline.toMillis()
                    + " ms, longer than the decision timeout (" + timeout.toMillis() + " ms); open it with "
                    + "forDecisions(config.decisionTimeout())");
        }
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
