package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

class SafeModeReaderTest extends StateTestBase {

    private SafeModeState read() {
        return queued(p -> SafeModeReader.queue(p, SCHEMA)).finish();
    }

    @Test
    void anAbsentFlagIsOffWithoutExpiry() {
        SafeModeState state = read();
        assertThat(state.flag().on()).isFalse();
        assertThat(state.ttlSeconds()).hasValue(-1);
        assertThat(state.latched()).isFalse();
        assertThat(state.problems()).isEmpty();
    }

    @Test
    void aTripWithCooldownHasItsSecondsLeftAndItsInfo() {
        try (Jedis jedis = jedis()) {
            jedis.setex(SCHEMA.safeMode(), 300, "1");
            jedis.hset(SCHEMA.safeModeInfo(), Map.of("set_by", "kernel", "reason", "GLOBAL_RATE_EXCEEDED"));
        }
        SafeModeState state = read();
        assertThat(state.secondsLeft().getAsLong()).isBetween(1L, 300L);
        assertThat(state.latched()).isFalse();
        assertThat(state.infoField("reason")).isEqualTo("GLOBAL_RATE_EXCEEDED");
    }

    @Test
    void theInfoOfAPastSafeModeIsKeptButNotActive() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.safeModeInfo(), "reason", "old trip");
        }
        SafeModeState state = read();
        assertThat(state.info()).containsEntry("reason", "old trip");
        assertThat(state.activeInfo()).isEmpty();
        assertThat(state.infoField("reason")).isEmpty();
    }

    @Test
    void anInfoHashOfTheWrongTypeIsAProblemAndTheFlagIsStillRead() {
        try (Jedis jedis = jedis()) {
            jedis.set(SCHEMA.safeMode(), "1");
            jedis.set(SCHEMA.safeModeInfo(), "not a hash");
        }
        SafeModeState state = read();
        assertThat(state.flag().on()).isTrue();
        assertThat(state.latched()).isTrue();
        assertThat(state.info()).isEmpty();
        assertThat(state.problems()).singleElement().asString().contains("HGETALL " + SCHEMA.safeModeInfo(), "WRONGTYPE");
    }
}
