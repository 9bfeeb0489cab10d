package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/**
 * Freezes the exposed names, types, labels and values: the whole {@code /metrics} body for one fixed Redis state
 * and a fixed clock must equal {@code golden/metrics.txt}. Regenerate with {@code -Dgolden.update=true} and review the
 * diff. Collector durations are the only timing values in the body; they are normalised to 0.
 */
@ExtendWith(RedisExtension.class)
class GoldenMetricsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/metrics.txt");

    @Test
    void theWholeMetricsBodyMatchesTheGoldenFile(TestRedis redis) throws IOException {
        assumeTrue(redis.version().compareTo("7.0") >= 0,
                "the golden body is for Redis 7 (entries-added); the 6.2 paths have their own tests");
        String body = scrapeFixedState(redis);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, body, StandardCharsets.UTF_8);
        }
        assertThat(body).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    @RequiresTools("promtool")
    void promtoolAcceptsTheBody(TestRedis redis) throws Exception {
        String body = scrapeFixedState(redis);
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as("promtool check metrics said: %s", output).isZero();
    }

    static String scrapeFixedState(TestRedis redis) {
        seed(redis);
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            return normalise(Http.metrics(server).body());
        }
    }

    static String normalise(String body) {
        return body.replaceAll("(?m)^(quantum_safety_collector_duration_seconds\\{[^}]*\\}) .*$", "$1 0.0");
    }

    /** One of everything: a latched SAFE MODE, faults in and out of the last hour, intents, a ranked window. */
    static void seed(TestRedis redis) {
        RedisSchema schema = Seed.SCHEMA;
        long now = TestExporters.NOW_MILLIS;
        long bucket = RedisSchema.bucket(now / 1000, 10);
        try (Jedis jedis = redis.connect()) {
            jedis.set(schema.safeMode(), "1");
            jedis.set(schema.killSwitch(), "0");
            jedis.set(schema.executionMode(), "LIVE");
            jedis.set(schema.governorGate(), "ENABLED");
            jedis.hset(schema.decisionCounters(), Map.of("OK", "120", "SAFE_MODE_ENABLED", "7",
                    "GLOBAL_RATE_EXCEEDED", "1", "SYMBOL_RATE_EXCEEDED", "2"));
            jedis.hset(schema.kernelTotals(), Map.of("trips", "3", "audit_events", "5", "fail_open", "0"));
            Seed.fault(jedis, now - 7_200_000, 0, "GLOBAL_RATE_EXCEEDED", "ETHUSDT", "SELL");
            Seed.fault(jedis, now - 1_800_000, 0, "SYMBOL_RATE_EXCEEDED", "BTCUSDT", "BUY");
            Seed.fault(jedis, now - 600_000, 0, "SYMBOL_RATE_EXCEEDED", "BTCUSDT", "BUY");
            Seed.intent(jedis, now - 120_000, 0);
            Seed.intent(jedis, now - 61_000, 0);
            Seed.intent(jedis, now - 30_000, 0);
            Seed.intent(jedis, now - 2_000, 0);
            Seed.intent(jedis, now - 2_000, 1);
            Seed.checkedIntents(jedis, bucket, "BTCUSDT", 6);
            Seed.checkedIntents(jedis, bucket, "ETHUSDT", 4);
            Seed.checkedIntents(jedis, bucket, "SOLUSDT", 2);
            Seed.checkedIntents(jedis, bucket, "ARBUSDT", 1);
            Seed.checkedIntents(jedis, bucket, "INJUSDT", 1);
            Seed.checkedIntents(jedis, bucket, "XRPUSDT", 1);
        }
    }
}
