package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * Text that reaches Redis without the kernel (a legacy writer, a hand-made HSET) cannot rewrite an operator's
 * terminal through ctl: escape sequences, C1 controls, DEL and bidirectional controls are shown as {@code \\uXXXX} in
 * the text, and escaped the same way in the JSON, which still decodes to the stored value.
 */
@ExtendWith(RedisExtension.class)
class CtlOutputEscapingTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Clears the screen, reverses what follows, a C1 CSI and DEL. */
    private static final String HOSTILE = "BTC\u001b[2J\u202eTSUD\u009b31m\u007f";

    private final TestRedis redis;

    CtlOutputEscapingTest(TestRedis redis) {
        this.redis = redis;
    }

    @Test
    void everyCommandEscapesWhatRedisHolds() throws Exception {
        try (Jedis jedis = redis.connect()) {
            jedis.set(SCHEMA.safeMode(), "1");
            jedis.hset(SCHEMA.safeModeInfo(), Map.of("set_by", "eve" + HOSTILE, "reason", "why" + HOSTILE,
                    "source", "manual", "set_at", jedis.time().get(0)));
            jedis.set(SCHEMA.executionMode(), "LIVE" + HOSTILE);
            jedis.xadd(SCHEMA.faultStream(), StreamEntryID.NEW_ENTRY, Map.of("reason", "R" + HOSTILE,
                    "symbol", HOSTILE, "side", "BUY", "timestamp", jedis.time().get(0)));
            long bucket = RedisSchema.bucket(Long.parseLong(jedis.time().get(0)), 3600);
            jedis.zadd(SCHEMA.symbolRanking(bucket), 3, HOSTILE);
        }
        for (String[] command : new String[][] {{"status", "--window", "1h"}, {"top", "--window", "1h"}, {"faults"}}) {
            Ctl.Run text = Ctl.run(redis.uri(), command);
            assertThat(text.exitCode()).as(text.err()).isIn(Main.EXIT_OK, Main.EXIT_BLOCKED);
            assertSafe(text.out(), command[0]);
            // Columns cut long values; what is shown is escaped.
            assertThat(text.out()).as(command[0]).contains("BTC\\u001b[2J");
        }
        assertThat(Ctl.run(redis.uri(), "status").out())
                .contains("set by     eveBTC\\u001b[2J\\u202eTSUD\\u009b31m\\u007f")
                .contains("reason     whyBTC\\u001b[2J\\u202eTSUD\\u009b31m\\u007f");
    }

    @Test
    void theJsonEscapesTheSameCharactersAndStillCarriesTheValue() throws Exception {
        try (Jedis jedis = redis.connect()) {
            jedis.xadd(SCHEMA.faultStream(), StreamEntryID.NEW_ENTRY, Map.of("reason", "R", "symbol", HOSTILE,
                    "side", "BUY", "timestamp", jedis.time().get(0)));
            long bucket = RedisSchema.bucket(Long.parseLong(jedis.time().get(0)), 3600);
            jedis.zadd(SCHEMA.symbolRanking(bucket), 3, HOSTILE);
        }
        Ctl.Run faults = Ctl.run(redis.uri(), "faults", "--json");
        Ctl.Run top = Ctl.run(redis.uri(), "top", "--window", "1h", "--json");
        Ctl.Run status = Ctl.run(redis.uri(), "status", "--window", "1h", "--json");

        for (Ctl.Run run : new Ctl.Run[] {faults, top, status}) {
            assertSafe(run.out(), "json");
            assertThat(run.out()).contains("BTC\\u001B[2J\\u202ETSUD\\u009B31m\\u007F");
        }
        JsonNode fault = JSON.readTree(faults.out());
        assertThat(fault.at("/fields/symbol").asText()).isEqualTo(HOSTILE);
        assertThat(JSON.readTree(top.out()).at("/current/top/0/symbol").asText()).isEqualTo(HOSTILE);
        assertThat(JSON.readTree(status.out()).at("/faults/recent/0/fields/symbol").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void aFilterWithControlOrBidiCharactersIsRefusedLikeTheKernelsInput() {
        Ctl.Run symbol = Ctl.run(redis.uri(), "faults", "--symbol", "BTC\u202eX");
        Ctl.Run reason = Ctl.run(redis.uri(), "faults", "--reason", "R\u001b[2J");

        assertThat(symbol.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(symbol.err()).startsWith("error: --symbol ").contains("U+202E");
        assertThat(reason.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(reason.err()).startsWith("error: --reason ").contains("U+001B");
        assertSafe(symbol.err() + reason.err(), "errors");
    }

    /** No character a terminal would act on but the line ends. */
    private static void assertSafe(String output, String what) {
        assertThat(output.codePoints().filter(c -> c != '\n' && quantum.safety.kernel.Text.forbidden(c)))
                .as(what + " prints no control or bidi character").isEmpty();
    }
}
