package quantum.safety.kernel.redis;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;

import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;

/** Jedis' pooled connection factory, making {@link DeadlineConnection}s. */
final class DeadlineConnectionFactory extends ConnectionFactory {

    private final JedisSocketFactory sockets;
    private final JedisClientConfig config;

    DeadlineConnectionFactory(HostAndPort node, JedisClientConfig config) {
        this(new DefaultJedisSocketFactory(node, config), config);
    }

    private DeadlineConnectionFactory(JedisSocketFactory sockets, JedisClientConfig config) {
        super(sockets, config);
        this.sockets = sockets;
        this.config = config;
    }

    @Override
    public PooledObject<Connection> makeObject() {
        return new DefaultPooledObject<>(new DeadlineConnection(sockets, config));
    }
}
