package quantum.safety.kernel.redis;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * Opens a long-lived, pooled {@link UnifiedJedis} for an endpoint: standalone, Sentinel or Cluster through Jedis'
 * own support. Short timeouts by default, because a safety decision or a scrape must never wait long on Redis.
 */
public final class RedisConnector {

    private final RedisEndpoint endpoint;
    private final RedisCredentials credentials;
    private Duration connectTimeout = Duration.ofMillis(500);
    private Duration socketTimeout = Duration.ofMillis(1000);
    private int maxConnections = 16;
    private String clientName = "quantum-safety";
    private Duration decisionDeadline;

    private RedisConnector(RedisEndpoint endpoint, RedisCredentials credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    public static RedisConnector to(RedisEndpoint endpoint, RedisCredentials credentials) {
        return new RedisConnector(endpoint, credentials);
    }

    public RedisConnector connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    public RedisConnector socketTimeout(Duration timeout) {
        this.socketTimeout = timeout;
        return this;
    }

    public RedisConnector maxConnections(int max) {
        this.maxConnections = max;
        return this;
    }

    /**
     * Opens a client for the kernel: every wait fits in {@code deadline}. The pool waits at most the deadline for a
     * free connection, connect and socket timeouts are capped at it, and on a standalone server each read is given
     * only what is left of the running decision's {@link DecisionDeadline}, so pool wait, connect and replies together
     * never exceed it. On Cluster and Sentinel each wait is capped at the deadline and Cluster redirections stop
     * retrying once it has passed.
     */
    public RedisConnector forDecisions(Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a decision deadline must be positive");
        }
        this.decisionDeadline = deadline;
        return this;
    }

    public RedisConnector clientName(String name) {
        this.clientName = name;
        return this;
    }

    public RedisEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Opens the client. On a standalone server connections are made lazily, so this does not fail when Redis is down;
     * a Cluster client reads the slot map and a Sentinel client asks the sentinels here, and throws when they do not
     * answer.
     */
    public UnifiedJedis open() {
        UnifiedJedis client = openClient();
        if (decisionDeadline != null) {
            ClientInspection.registerDecisionClient(client, decisionDeadline);
        }
        return client;
    }

    private UnifiedJedis openClient() {
        JedisClientConfig clientConfig = clientConfig(true);
        GenericObjectPoolConfig<Connection> pool = poolConfig();
        return switch (endpoint.topology()) {
            case STANDALONE -> decisionDeadline == null
                    ? new JedisPooled(pool, endpoint.primaryNode(), clientConfig)
                    : new UnifiedJedis(new PooledConnectionProvider(
                            new DeadlineConnectionFactory(endpoint.primaryNode(), clientConfig), pool));
            case SENTINEL -> new JedisSentineled(endpoint.sentinelMaster().orElseThrow(), clientConfig, pool,
                    nodeSet(), clientConfig(false));
            case CLUSTER -> decisionDeadline == null
                    ? new JedisCluster(nodeSet(), clientConfig, 3, pool)
                    : new JedisCluster(nodeSet(), clientConfig, 3, decisionDeadline, pool);
        };
    }

    private Set<HostAndPort> nodeSet() {
        return new LinkedHashSet<>(endpoint.nodes());
    }

    private JedisClientConfig clientConfig(boolean dataNode) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) capped(connectTimeout).toMillis())
                .socketTimeoutMillis((int) (decisionDeadline == null ? socketTimeout : decisionDeadline).toMillis())
                .ssl(endpoint.tls())
                .clientName(clientName);
        if (dataNode) {
            endpoint.user().ifPresent(builder::user);
            credentials.password().ifPresent(builder::password);
            builder.database(endpoint.database());
        }
        return builder.build();
    }

    private Duration capped(Duration timeout) {
        return decisionDeadline != null && decisionDeadline.compareTo(timeout) < 0 ? decisionDeadline : timeout;
    }

    private GenericObjectPoolConfig<Connection> poolConfig() {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMinIdle(0);
        // A caller waits at most the connect timeout (or the decision deadline) for a free connection instead of
        // queueing forever.
        pool.setMaxWait(capped(connectTimeout));
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        pool.setJmxEnabled(false);
        return pool;
    }
}
