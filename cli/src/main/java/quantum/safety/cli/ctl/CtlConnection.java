package quantum.safety.cli.ctl;

import quantum.safety.cli.RedisOptions;
import redis.clients.jedis.UnifiedJedis;

/** How ctl commands open Redis: one connection, named so that CLIENT LIST shows who is looking. */
final class CtlConnection {

    static final String CLIENT_NAME = "quantum-safety-ctl";

    private CtlConnection() {
    }

    static UnifiedJedis open(RedisOptions redis) {
        return redis.connector(CLIENT_NAME).maxConnections(2).open();
    }
}
