package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

class KeyTypesTest extends StateTestBase {

    @Test
    void absentKeysFitAndKeysOfAnotherTypeAreListed() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.killSwitch(), "x", "1");
            jedis.set(SCHEMA.decisionCounters(), "oops");
            jedis.set(SCHEMA.safeMode(), "1");
        }
        KeyTypes types = KeyTypes.read(client, SCHEMA);
        assertThat(types.actual()).containsEntry(SCHEMA.killSwitch(), "hash").containsEntry(SCHEMA.faultStream(), "none");
        assertThat(types.misfits()).containsExactly(SCHEMA.killSwitch(), SCHEMA.decisionCounters());
        assertThat(types.fits(SCHEMA.safeMode())).isTrue();
    }
}
