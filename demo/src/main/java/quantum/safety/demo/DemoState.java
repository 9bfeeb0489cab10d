package quantum.safety.demo;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.UnifiedJedis;

/**
 * The deployment state a trading system would have set before the flow starts, so the exporter's mode and governor
 * panels have data: TESTNET and the governor gate ENABLED, kill switch released.
 */
final class DemoState {

    static final String MODE = "TESTNET";
    static final String GOVERNOR = "ENABLED";

    private DemoState() {
    }

    /**
     * Sets the state. An existing Redis that says LIVE is refused: the demo trips SAFE MODE on purpose, which would
     * stop a real trading system sharing it.
     */
    static void prepare(UnifiedJedis redis, RedisSchema schema, boolean privateServer) {
        if (!privateServer && "LIVE".equalsIgnoreCase(redis.get(schema.executionMode()))) {
            throw new DemoInputException("--redis.addr: that Redis holds " + schema.executionMode() + "=LIVE; the demo "
                    + "trips SAFE MODE on purpose and must not run against a live deployment; leave --redis.addr out "
                    + "to use a private Redis");
        }
        redis.set(schema.executionMode(), MODE);
        redis.set(schema.governorGate(), GOVERNOR);
        redis.set(schema.killSwitch(), "0");
    }
}
