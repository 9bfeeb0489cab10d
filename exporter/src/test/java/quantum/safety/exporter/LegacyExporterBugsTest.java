package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import quantum.safety.state.LegacySymbolIndex;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/** The old exporter's bugs that show at the level of the whole process (the others are in the collectors' tests). */
@ExtendWith(RedisExtension.class)
class LegacyExporterBugsTest {

    @Test
    void legacyBug1_valuesAreReadOnEveryScrapeAndNothingPollsInTheBackground(TestRedis redis) {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            MetricsText first = Http.metrics(server);
            assertThat(first.get("quantum_safety_safe_mode")).isZero();
            // One collection per scrape and none in between: a poller would have added its own.
            assertThat(first.get("quantum_safety_exporter_scrapes_total")).isEqualTo(1);

            try (Jedis jedis = redis.connect()) {
                jedis.setex(Seed.SCHEMA.safeMode(), 300, "1");
            }
            MetricsText second = Http.metrics(server);
            assertThat(second.get("quantum_safety_safe_mode")).isEqualTo(1);
            assertThat(second.get("quantum_safety_exporter_scrapes_total")).isEqualTo(2);
        }
    }

    @Test
    void legacyBug2_theOldKernelsCountersGiveTheExactTopThroughAnIndexWhoseThreadRunsOnlyForThem(TestRedis redis) {
        long bucket = RedisSchema.bucket(TestExporters.NOW_MILLIS / 1000, 10);
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            try (Jedis jedis = redis.connect()) {
                Seed.checkedIntents(jedis, bucket, "BTCUSDT", 3);
            }
            assertThat(Http.metrics(server).has("quantum_safety_rate_symbol_index_age_seconds")).isFalse();
            assertThat(indexThreadRuns()).isFalse();

            // The same window as the old kernel writes it: counters only, among keys that are not counters.
            try (Jedis jedis = redis.connect()) {
                jedis.del(Seed.SCHEMA.symbolRanking(bucket));
                for (int i = 0; i < 2_000; i++) {
                    jedis.set("other:service:key:" + i, "x");
                }
                Seed.legacyCheckedIntents(jedis, bucket, "ETHUSDT", 5);
                Seed.legacyCheckedIntents(jedis, bucket, "SOLUSDT", 1);
            }
            for (int scrape = 0; scrape < 3; scrape++) {
                MetricsText metrics = Http.metrics(server);
                assertThat(metrics.family("quantum_safety_rate_symbol_top")).containsExactly(
                        Map.entry("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"ETHUSDT\"}", 5.0),
                        Map.entry("quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"BTCUSDT\"}", 3.0),
                        Map.entry("quantum_safety_rate_symbol_top{rank=\"3\",symbol=\"SOLUSDT\"}", 1.0));
                assertThat(metrics.get("quantum_safety_rate_symbol_scan_truncated")).isZero();
                assertThat(metrics.get("quantum_safety_rate_symbol_index_age_seconds")).isNotNegative();
            }
            assertThat(indexThreadRuns()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !indexThreadRuns());
    }

    private static boolean indexThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(LegacySymbolIndex.THREAD_NAME));
    }

    @Test
    void legacyBug7_oneLongLivedPoolNotANewConnectionPerScrape(TestRedis redis) {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            Http.metrics(server);
            long connectionsBefore = connectionsReceived(redis);
            for (int i = 0; i < 20; i++) {
                Http.metrics(server);
            }
            // The only new connection is the one that read connectionsBefore.
            assertThat(connectionsReceived(redis) - connectionsBefore).isEqualTo(1);
        }
    }

    @Test
    void legacyBug7_aFailingStepCountsAsAnErrorAndItsCollectorSaysSo(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.faultStream(), "not a stream");
        }
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            MetricsText metrics = Http.metrics(server);
            assertThat(metrics.get("quantum_safety_collector_success{collector=\"faults\"}")).isZero();
            assertThat(metrics.get("quantum_safety_collector_success{collector=\"safe_mode\"}")).isEqualTo(1);
            // Redis answered (with an error): it is up, and the collection counts as failed.
            assertThat(metrics.get("quantum_safety_redis_up")).isEqualTo(1);
            assertThat(Http.metrics(server).get("quantum_safety_exporter_errors_total")).isEqualTo(2);
        }
    }

    @Test
    void legacyBug7_redisUnreachableIsRedisUpZeroAndAnError() throws IOException {
        int closedPort = LocalRedis.freePort();
        try (ExporterServer server = TestExporters.start("127.0.0.1", closedPort)) {
            MetricsText metrics = Http.metrics(server);
            assertThat(metrics.get("quantum_safety_redis_up")).isZero();
            assertThat(metrics.family("quantum_safety_collector_success")).allSatisfy((k, v) -> assertThat(v).isZero());
            assertThat(Http.metrics(server).get("quantum_safety_exporter_errors_total")).isEqualTo(2);
            assertThat(metrics.get("quantum_safety_redis_last_error_timestamp")).isPositive();
        }
    }

    @Test
    void legacyBug9_reachableOverIpv4AndIpv6LoopbackByDefault(TestRedis redis) {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port(),
                b -> b.listenAddresses(List.of(":0")))) {
            int port = server.port();
            HttpResponse<String> v4 = Http.get("http://127.0.0.1:" + port + "/metrics");
            HttpResponse<String> v6 = Http.get("http://[::1]:" + port + "/metrics");
            assertThat(v4.statusCode()).isEqualTo(200);
            assertThat(v6.statusCode()).isEqualTo(200);
            assertThat(new MetricsText(v4.body()).get("quantum_safety_redis_up")).isEqualTo(1);
            assertThat(new MetricsText(v6.body()).get("quantum_safety_redis_up")).isEqualTo(1);
        }
    }

    @Test
    void legacyBug10_healthAndReadinessEndpointsAndAChosenBindAddress(TestRedis redis) throws IOException {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(Http.get(base + "/-/healthy").statusCode()).isEqualTo(200);
            assertThat(Http.get(base + "/-/ready").statusCode()).isEqualTo(200);
            // Bound to 127.0.0.1 only, as asked: nothing listens on ::1 at that port.
            assertThatThrownBy(() -> Http.get("http://[::1]:" + server.port() + "/-/healthy"))
                    .hasCauseInstanceOf(java.net.ConnectException.class);
        }
        try (ExporterServer server = TestExporters.start("127.0.0.1", LocalRedis.freePort())) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(Http.get(base + "/-/healthy").statusCode()).isEqualTo(200);
            assertThat(Http.get(base + "/-/ready").statusCode()).isEqualTo(503);
        }
    }

    private static long connectionsReceived(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            for (String line : jedis.info("stats").split("\r?\n")) {
                if (line.startsWith("total_connections_received:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        throw new AssertionError("no total_connections_received in INFO stats");
    }
}
