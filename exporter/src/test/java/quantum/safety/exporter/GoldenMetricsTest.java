package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.RedisVersion;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/**
 * Freezes the exposed names, types, labels and values: the whole {@code /metrics} body for one fixed Redis state
 * and a fixed clock must equal the golden file of the server's major version. Regenerate with
 * {@code -Dgolden.update=true} and review the diff. Collector durations are the only timing values in the body; they
 * are normalised to 0.
 *
 * <p>It runs on two servers: the testkit's (redis-server from PATH, 7.x in CI) and the Redis 6.2 binary the testkit
 * ships, which is what a fresh machine without redis-server runs every test on. Redis 7 reports how many entries
 * a stream ever had ({@code entries-added}) and Redis 6.2 does not: there {@code quantum_trade_intents_total} counts
 * the intents this exporter saw appended since it started, 0 on the first scrape. {@code golden/metrics-redis6.txt}
 * holds the 6.2 body, which differs in that line only.
 */
@ExtendWith(RedisExtension.class)
class GoldenMetricsTest {

    static final Path GOLDEN_DIR = Path.of("src/test/resources/golden");

    /** The Redis 6.2 from the embedded-redis artifact: the fresh-machine path. */
    private static LocalRedis embedded;

    @BeforeAll
    static void startEmbeddedRedis() throws IOException {
        embedded = LocalRedis.start(Optional.of(LocalRedis.Source.EMBEDDED));
    }

    @AfterAll
    static void stopEmbeddedRedis() {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The golden body for a server: one file per major version where the bodies differ. */
    static Path golden(RedisVersion version) {
        return GOLDEN_DIR.resolve(version.atLeast(7, 0) ? "metrics.txt" : "metrics-redis6.txt");
    }

    @Test
    void theWholeMetricsBodyMatchesTheGoldenFile(TestRedis redis) throws IOException {
        assertMatchesGolden(redis.host(), redis.port());
    }

    @Test
    void theWholeMetricsBodyMatchesTheGoldenFileOnTheEmbeddedRedis62() throws IOException {
        try (Jedis jedis = embedded.connect()) {
            assertThat(RedisVersion.of(jedis).majorMinor()).isEqualTo("6.2");
        }
        assertMatchesGolden(embedded.host(), embedded.port());
    }

    @Test
    void theGoldenBodiesDifferOnlyWhereRedis62LacksEntriesAdded() throws IOException {
        String seven = Files.readString(golden(new RedisVersion(7, 0, 0)), StandardCharsets.UTF_8);
        String six = Files.readString(golden(new RedisVersion(6, 2, 0)), StandardCharsets.UTF_8);
        assertThat(differingLines(six, seven))
                .containsExactlyInAnyOrder("quantum_trade_intents_total 0.0", "quantum_trade_intents_total 5.0");
        assertThat(golden(new RedisVersion(10, 0, 0))).isEqualTo(golden(new RedisVersion(7, 0, 0)));
    }

    @Test
    @RequiresTools("promtool")
    void promtoolAcceptsTheBody(TestRedis redis) throws Exception {
        assertPromtoolAccepts(scrapeFixedState(redis.host(), redis.port()));
        assertPromtoolAccepts(scrapeFixedState(embedded.host(), embedded.port()));
    }

    private static void assertMatchesGolden(String host, int port) throws IOException {
        RedisVersion version;
        try (Jedis jedis = new Jedis(host, port)) {
            version = RedisVersion.of(jedis);
        }
        Path golden = golden(version);
        String body = scrapeFixedState(host, port);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, body, StandardCharsets.UTF_8);
        }
        assertThat(body).as("/metrics on Redis %s against %s", version, golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static void assertPromtoolAccepts(String body) throws Exception {
        ChildProcess.Completed promtool = ChildProcess.run(new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true), body, Duration.ofSeconds(30));
        assertThat(promtool.succeeded()).as("promtool check metrics said: %s", promtool.describe()).isTrue();
    }

    /** Lines of {@code a} that {@code b} lacks, and the other way round. */
    private static java.util.List<String> differingLines(String a, String b) {
        java.util.List<String> left = a.lines().toList();
        java.util.List<String> right = b.lines().toList();
        return java.util.stream.Stream.concat(left.stream().filter(l -> !right.contains(l)),
                right.stream().filter(l -> !left.contains(l))).toList();
    }

    static String scrapeFixedState(String host, int port) {
        try (Jedis jedis = new Jedis(host, port)) {
            jedis.flushAll();
            seed(jedis);
        }
        try (ExporterServer server = TestExporters.start(host, port)) {
            return normalise(Http.metrics(server).body());
        }
    }

    static String normalise(String body) {
        return body.replaceAll("(?m)^(quantum_safety_collector_duration_seconds\\{[^}]*\\}) .*$", "$1 0.0");
    }

    /**
     * One of everything: a latched SAFE MODE, faults in and out of the last hour, intents, a ranked window (with one
     * symbol that breaks the symbol rule), two live kernels and one whose settings expired.
     */
    static void seed(Jedis jedis) {
        RedisSchema schema = Seed.SCHEMA;
        long now = TestExporters.NOW_MILLIS;
        long bucket = RedisSchema.bucket(now / 1000, 10);
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
        // Ranked by a writer that is not a kernel: it keeps its rank under the placeholder and is counted.
        Seed.checkedIntents(jedis, bucket, "BAD\nSYMBOL", 2);
        Seed.kernel(jedis, "router-a", 10, 20, 5, now / 1000 + 45);
        Seed.kernel(jedis, "router-b", 10, 20, 5, now / 1000 + 30);
        Seed.kernel(jedis, "stopped", 60, 1, 1, now / 1000 - 1);
    }
}
