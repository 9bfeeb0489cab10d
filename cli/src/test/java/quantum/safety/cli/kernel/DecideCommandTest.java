package quantum.safety.cli.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import quantum.safety.cli.Main;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

@ExtendWith(RedisExtension.class)
class DecideCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRedis redis;

    DecideCommandTest(TestRedis redis) {
        this.redis = redis;
    }

    /** One in-process run of the command with captured output. */
    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("kernel", "decide"));
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anAllowedIntentPrintsOneJsonLineAndExitsZero() throws IOException {
        Run run = run("--symbol", "BTCUSDT", "--side", "buy", "--correlation-id", "ord-1", "--redis.addr", redis.uri());

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out().strip()).doesNotContain("\n");
        JsonNode json = run.json();
        assertThat(json.get("allowed").asBoolean()).isTrue();
        assertThat(json.get("reason").asText()).isEqualTo("OK");
        assertThat(json.get("meta").get("side").asText()).isEqualTo("BUY");
        assertThat(json.get("meta").get("global_count").asLong()).isEqualTo(1);
        assertThat(json.get("meta").get("global_max").asInt()).isEqualTo(20);
        assertThat(json.get("meta").get("correlation_id").asText()).isEqualTo("ord-1");
    }

    @Test
    void aTripAndTheSafeModeAfterItExitThree() throws IOException {
        // A one-hour window keeps the three runs in one bucket.
        String[] args = {"--symbol", "ETHUSDT", "--side", "SELL", "--global-max", "1", "--cooldown", "2m",
                "--window", "1h", "--kernel-id", "cli-test", "--redis.addr", redis.uri()};
        assertThat(run(args).exitCode()).isEqualTo(Main.EXIT_OK);

        Run trip = run(args);
        Run after = run(args);

        assertThat(trip.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
        assertThat(trip.json().get("reason").asText()).isEqualTo("GLOBAL_RATE_EXCEEDED");
        assertThat(trip.json().get("meta").get("tripped").asBoolean()).isTrue();
        assertThat(trip.json().get("meta").get("cooldown_sec").asLong()).isEqualTo(120);
        assertThat(after.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
        assertThat(after.json().get("reason").asText()).isEqualTo("SAFE_MODE_ENABLED");
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.ttl("quantum:safety:safe_mode")).isBetween(1L, 120L);
            Map<String, String> fault = jedis.xrange("quantum:stream:safety.fault", "-", "+").get(0).getFields();
            assertThat(fault).containsEntry("kernel_id", "cli-test").containsEntry("global_max", "1");
        }
    }

    @Test
    void reduceOnlyPassesSafeModeUnlessBlockedByFlag() throws IOException {
        try (Jedis jedis = redis.connect()) {
            jedis.setex("quantum:safety:safe_mode", 60, "1");
        }
        Run pass = run("--symbol", "BTCUSDT", "--side", "SELL", "--reduce-only", "--redis.addr", redis.uri());
        Run block = run("--symbol", "BTCUSDT", "--side", "SELL", "--reduce-only", "--reduce-only-in-safe-mode=block",
                "--redis.addr", redis.uri());

        assertThat(pass.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(pass.json().get("reason").asText()).isEqualTo("REDUCE_ONLY_ALLOWED");
        assertThat(block.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
        assertThat(block.json().get("reason").asText()).isEqualTo("SAFE_MODE_ENABLED");
    }

    @Test
    void keyPrefixFlagIsUsed() throws IOException {
        Run run = run("--symbol", "BTCUSDT", "--side", "BUY", "--redis.key-prefix", "{quantum}:", "--redis.addr", redis.uri());

        assertThat(run.exitCode()).isZero();
        long bucket = run.json().get("meta").get("bucket").asLong();
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.get("{quantum}:safety:rate:global:" + bucket)).isEqualTo("1");
        }
    }

    /** The default is closed: only an explicit open fails open. */
    @Test
    void redisDownFollowsTheFailPolicy() throws IOException {
        String nowhere = "redis://127.0.0.1:" + LocalRedis.freePort();

        Run open = run("--symbol", "BTCUSDT", "--side", "BUY", "--fail-policy", "open", "--redis.addr", nowhere);
        Run closed = run("--symbol", "BTCUSDT", "--side", "BUY", "--redis.addr", nowhere);

        assertThat(open.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(open.json().get("reason").asText()).isEqualTo("FAIL_OPEN_ERROR");
        assertThat(closed.exitCode()).isEqualTo(Main.EXIT_BLOCKED);
        assertThat(closed.json().get("reason").asText()).isEqualTo("FAIL_CLOSED_ERROR");
    }

    @Test
    void aWrongPasswordIsAConfigurationErrorThatBlocksAndExitsTwoUnderBothPolicies(@TempDir Path dir) throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("redis-password"), "wrong-password\n");
        try (LocalRedis secured = LocalRedis.start("--requirepass", "right-password")) {
            for (String policy : List.of("open", "closed")) {
                Run run = run("--symbol", "BTCUSDT", "--side", "BUY", "--fail-policy", policy,
                        "--redis.password-file", passwordFile.toString(), "--redis.addr", secured.uri());

                assertThat(run.exitCode()).as(policy).isEqualTo(Main.EXIT_USAGE);
                assertThat(run.json().get("allowed").asBoolean()).isFalse();
                assertThat(run.json().get("reason").asText()).isEqualTo("CONFIG_ERROR");
                assertThat(run.err()).contains("REDIS_PASSWORD").contains("--redis.password-file")
                        .doesNotContain("wrong-password").doesNotContain("right-password");
                assertThat(run.out()).doesNotContain("wrong-password");
            }
        }
    }

    @Test
    void hostileTextIsRefusedWithExitTwoAndQuotedAtMost64Characters() {
        Run bidi = run("--symbol", "BTC\u202EDSUT", "--side", "BUY", "--redis.addr", redis.uri());
        Run control = run("--symbol", "BTCUSDT", "--side", "BUY", "--correlation-id", "ord\u001B[2J",
                "--redis.addr", redis.uri());
        Run huge = run("--symbol", "X".repeat(5000), "--side", "BUY", "--redis.addr", redis.uri());

        assertThat(bidi.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bidi.err()).contains("U+202E").doesNotContain("\u202E");
        assertThat(control.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(control.err()).contains("correlation id").doesNotContain("\u001B");
        assertThat(huge.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(huge.err()).contains("X".repeat(64) + "…").doesNotContain("X".repeat(65)).hasSizeLessThan(300);
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.keys("*")).isEmpty();
        }
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheInput() {
        Run side = run("--symbol", "BTCUSDT", "--side", "HOLD", "--redis.addr", redis.uri());
        Run max = run("--symbol", "BTCUSDT", "--side", "BUY", "--global-max", "many", "--redis.addr", redis.uri());
        Run window = run("--symbol", "BTCUSDT", "--side", "BUY", "--window", "1500ms", "--redis.addr", redis.uri());
        Run policy = run("--symbol", "BTCUSDT", "--side", "BUY", "--fail-policy", "maybe", "--redis.addr", redis.uri());
        Run missing = run("--side", "BUY");

        assertThat(side.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(side.err().strip()).isEqualTo("error: side 'HOLD' is not BUY or SELL");
        assertThat(max.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(max.err().strip()).isEqualTo("error: --global-max='many' (or env QUANTUM_SAFETY_GLOBAL_MAX or "
                + "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW) is not a positive whole number");
        assertThat(window.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(window.err()).contains("--window='1500ms'").contains("whole number of seconds");
        assertThat(policy.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(policy.err()).contains("--fail-policy='maybe' is not a fail policy; use open or closed");
        assertThat(missing.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).contains("--symbol");
        assertThat(side.out()).isEmpty();
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.keys("*")).isEmpty();
        }
    }

    @Test
    void aBadAddressOrAnUnreadablePasswordFileIsBadInputNamingTheFlag(@TempDir Path dir) {
        Run address = run("--symbol", "BTCUSDT", "--side", "BUY", "--redis.addr", "redis://127.0.0.1:6379/x");
        Run scheme = run("--symbol", "BTCUSDT", "--side", "BUY", "--redis.addr", "http://127.0.0.1:6379");
        Run password = run("--symbol", "BTCUSDT", "--side", "BUY", "--redis.addr", redis.uri(),
                "--redis.password-file", dir.resolve("missing").toString());

        for (Run run : List.of(address, scheme)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(run.err().lines().toList()).singleElement().asString().startsWith("error: --redis.addr");
            assertThat(run.out()).isEmpty();
        }
        assertThat(password.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(password.err().lines().toList()).singleElement().asString()
                .startsWith("error: --redis.password-file (or env QUANTUM_SAFETY_REDIS_PASSWORD_FILE): ").contains(dir.resolve("missing").toString());
    }

    @Test
    void helpNamesEveryFlagWithItsEnvTwinAndAnExample() {
        Run help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--window", "SAFETY_WINDOW_SEC", "--global-max",
                "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "--symbol-max", "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW",
                "--cooldown", "SAFETY_FAULT_COOLDOWN_SEC", "--fail-policy", "QUANTUM_SAFETY_FAIL_POLICY",
                "--latched-trips", "--escalate-cooldown", "--max-cooldown", "--escalation-period",
                "--reduce-only-in-safe-mode", "--kernel-id", "--redis.addr", "Examples:",
                "quantum-safety kernel decide --symbol BTCUSDT --side BUY");
    }

    @Test
    void kernelWithoutASubcommandIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("kernel")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("name a subcommand: decide").contains("kernel --help");
    }
}
