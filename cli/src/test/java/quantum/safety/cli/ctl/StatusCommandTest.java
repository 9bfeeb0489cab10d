package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

@ExtendWith(RedisExtension.class)
class StatusCommandTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRedis redis;

    StatusCommandTest(TestRedis redis) {
        this.redis = redis;
    }

    private long bucket(Jedis jedis, int window) {
        return RedisSchema.bucket(Long.parseLong(jedis.time().get(0)), window);
    }

    @Test
    void aQuietSystemShowsSafeModeOffAndEveryFactOnOneScreen() {
        Ctl.Run run = Ctl.run(redis.uri(), "status");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Status       OK: nothing blocks new intents")
                .contains("SAFE MODE    OFF").contains("Kill switch  OFF (released)")
                .contains("mode unset · governor unset").contains("all symbols 0/20 · top: none")
                .contains("0 in the last hour").contains("version " + redis.version());
    }

    @Test
    void aManualLatchedSafeModeShowsWhoWhyAndSinceWhenAndTheWindowAgainstItsLimits() {
        try (Jedis jedis = redis.connect()) {
            long bucket = bucket(jedis, 3600);
            jedis.set(SCHEMA.globalRate(bucket), "7");
            jedis.zadd(SCHEMA.symbolRanking(bucket), 6, "BTCUSDT");
            jedis.zadd(SCHEMA.symbolRanking(bucket), 1, "ETHUSDT");
            jedis.set(SCHEMA.executionMode(), "TESTNET");
            jedis.set(SCHEMA.governorGate(), "ENABLED");
            jedis.hset(SCHEMA.decisionCounters(), "OK", "12");
            jedis.xadd(SCHEMA.faultStream(), StreamEntryID.NEW_ENTRY, java.util.Map.of(
                    "reason", "SYMBOL_RATE_EXCEEDED", "symbol", "BTCUSDT", "side", "BUY", "global_count", "7",
                    "global_max", "20", "symbol_count", "6", "symbol_max", "5", "timestamp", jedis.time().get(0)));
        }
        assertThat(Ctl.run(redis.uri(), "safe-mode", "on", "--latched", "--actor", "alice", "--reason", "INC-42 spike",
                "--yes").exitCode()).isEqualTo(Main.EXIT_OK);

        Ctl.Run run = Ctl.run(redis.uri(), "status", "--window", "1h");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
        assertThat(run.out()).startsWith("Status       BLOCKED: new intents are blocked by SAFE MODE\n")
                .contains("SAFE MODE    ON latched (stays on until cleared)")
                .contains("set by     alice (manual) · since ").contains("reason     INC-42 spike")
                .contains("all symbols 7/20 · top: BTCUSDT 6/5, ETHUSDT 1/5")
                .contains("mode TESTNET · governor ENABLED")
                .contains("1 in the last hour (SYMBOL_RATE_EXCEEDED 1)")
                .contains("SYMBOL_RATE_EXCEEDED").contains("OK 12");
    }

    @Test
    void jsonGivesTheSameFactsToScripts() throws Exception {
        try (Jedis jedis = redis.connect()) {
            jedis.setex(SCHEMA.safeMode(), 300, "1");
            jedis.set(SCHEMA.killSwitch(), "1");
        }
        Ctl.Run run = Ctl.run(redis.uri(), "status", "--json");

        JsonNode json = JSON.readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
        assertThat(json.at("/status").asText()).isEqualTo("BLOCKED");
        assertThat(json.at("/blocked_by").toString()).isEqualTo("[\"SAFE_MODE\",\"KILL_SWITCH\"]");
        assertThat(json.at("/safe_mode/state").asText()).isEqualTo("ON");
        assertThat(json.at("/safe_mode/latched").asBoolean()).isFalse();
        assertThat(json.at("/safe_mode/ttl_seconds").asLong()).isBetween(1L, 300L);
        assertThat(json.at("/kill_switch/state").asText()).isEqualTo("ON");
        assertThat(json.at("/kill_switch/value").asText()).isEqualTo("1");
        assertThat(json.at("/kill_switch/unclear").asBoolean()).isFalse();
        assertThat(json.at("/blocked").asBoolean()).isTrue();
        assertThat(json.at("/current_window/global_max").asInt()).isEqualTo(20);
    }

    @Test
    void wrongTypesAndGarbageAreReportedAsProblemsNeverAsAStackTrace() {
        try (Jedis jedis = redis.connect()) {
            jedis.hset(SCHEMA.safeMode(), "a", "b");
            jedis.set(SCHEMA.killSwitch(), "yes");
            jedis.set(SCHEMA.faultStream(), "not a stream");
            jedis.hset(SCHEMA.decisionCounters(), "OK", "many");
            jedis.set(SCHEMA.globalRate(bucket(jedis, 10)), "abc");
            jedis.rpush(SCHEMA.executionMode(), "LIVE");
        }
        Ctl.Run run = Ctl.run(redis.uri(), "status");

        // Both flags block in the kernel, so both read as on, with why, rather than as unknown.
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
        assertThat(run.out()).contains("SAFE MODE    ON latched (stays on until cleared) — on (holds a hash, not a string")
                .contains("Kill switch  ON (engaged: every order blocked) — on (holds 'yes', which is not 0 or 1")
                .contains("Faults       UNREADABLE")
                .contains("all symbols UNREADABLE").contains("Problems")
                .contains("WRONGTYPE").contains("does not hold a number");
        assertThat(run.out() + run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void redisDownIsUnreadableAndBlockedSayingWhichFlagPointsAtIt() throws Exception {
        Ctl.Run run = Ctl.run("redis://127.0.0.1:" + LocalRedis.freePort(), "status");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
        assertThat(run.out()).startsWith("Status       UNREADABLE: Redis does not answer at redis://127.0.0.1:")
                .contains("(connection refused)").contains("--redis.addr (env QUANTUM_SAFETY_REDIS_ADDR)")
                .contains("SAFE MODE and the kill switch are unknown");
        assertThat(run.out() + run.err()).doesNotContain("\tat ");
    }

    @Test
    void worksOnRedis62Too() throws Exception {
        try (LocalRedis old = LocalRedis.start(java.util.Optional.of(LocalRedis.Source.EMBEDDED));
             Jedis jedis = new Jedis(old.host(), old.port())) {
            jedis.set(SCHEMA.safeMode(), "1");
            Ctl.Run run = Ctl.run(old.uri(), "status");
            assertThat(run.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
            assertThat(run.out()).contains("SAFE MODE    ON latched").contains("set by     unknown (set by hand")
                    .contains("version 6.2");
        }
    }
}
