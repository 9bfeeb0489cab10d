package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/** The archive's HTTP endpoint: the metric names others write alerts against, health and readiness. */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class ArchiveServerTest {

    /** Frozen: alerts and dashboard panels are written against exactly these. */
    static final Set<String> ARCHIVE_SERIES = Set.of(
            "quantum_safety_archive_events_total{stream=\"fault\"}",
            "quantum_safety_archive_events_total{stream=\"audit\"}",
            "quantum_safety_archive_lag_events{stream=\"fault\"}",
            "quantum_safety_archive_lag_events{stream=\"audit\"}",
            "quantum_safety_archive_lag_seconds{stream=\"fault\"}",
            "quantum_safety_archive_lag_seconds{stream=\"audit\"}",
            "quantum_safety_archive_gaps_total{stream=\"fault\"}",
            "quantum_safety_archive_gaps_total{stream=\"audit\"}",
            "quantum_safety_archive_gap_events_total{stream=\"fault\"}",
            "quantum_safety_archive_gap_events_total{stream=\"audit\"}",
            "quantum_safety_archive_invalid_events_total{stream=\"fault\"}",
            "quantum_safety_archive_invalid_events_total{stream=\"audit\"}",
            "quantum_safety_archive_errors_total{stage=\"redis\"}",
            "quantum_safety_archive_errors_total{stage=\"postgres\"}",
            "quantum_safety_archive_redis_up",
            "quantum_safety_archive_postgres_up",
            "quantum_safety_archive_last_archived_timestamp_seconds{stream=\"fault\"}",
            "quantum_safety_archive_build_info{version=\"test\"}");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesExactlyTheArchiveSeriesAndTheProcessOnesAndIsReadyOnceBothStoresAnswer(TestRedis redis,
            TestPostgres postgres) throws Exception {
        try (Jedis jedis = redis.connect()) {
            Fixture.addFaults(jedis, 3);
        }
        try (ArchiveServer server = ArchiveServer.start(config(redis.port(), Fixture.target(postgres)))) {
            String base = "http://127.0.0.1:" + server.addresses().get(0).getPort();
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/-/ready").statusCode() == 200);
            assertThat(get(base + "/-/healthy").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/metrics").body()
                    .contains("quantum_safety_archive_events_total{stream=\"fault\"} 3.0"));
            String metrics = get(base + "/metrics").body();
            Set<String> archive = new TreeSet<>();
            Set<String> others = new TreeSet<>();
            Matcher series = Pattern.compile("(?m)^([a-z_]+(\\{[^}]*})?) \\S+$").matcher(metrics);
            while (series.find()) {
                (series.group(1).startsWith("quantum_safety_archive_") ? archive : others).add(series.group(1));
            }
            assertThat(archive).containsExactlyInAnyOrderElementsOf(ARCHIVE_SERIES);
            assertThat(others).allMatch(name -> name.startsWith("process_") || name.startsWith("jvm_memory_"));
            assertThat(others).contains("process_resident_memory_bytes");
            assertThat(metrics).contains("quantum_safety_archive_redis_up 1.0", "quantum_safety_archive_postgres_up 1.0",
                    "quantum_safety_archive_lag_events{stream=\"fault\"} 0.0");
        }
    }

    @Test
    void withPostgresUnreachableItIsNotReadyCountsTheErrorsAndShowsTheGrowingLag(TestRedis redis) throws Exception {
        int closedPort = LocalRedis.freePort();
        PostgresTarget nowhere = PostgresTarget.resolve("postgresql://archive@127.0.0.1:" + closedPort
                + "/audit?sslmode=disable&connect_timeout=1", false, null, Map.of());
        try (Jedis jedis = redis.connect()) {
            Fixture.addFaults(jedis, 4);
        }
        try (ArchiveServer server = ArchiveServer.start(config(redis.port(), nowhere))) {
            String base = "http://127.0.0.1:" + server.addresses().get(0).getPort();
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/metrics").body()
                    .contains("quantum_safety_archive_lag_events{stream=\"fault\"} 4.0"));
            String metrics = get(base + "/metrics").body();
            assertThat(metrics).contains("quantum_safety_archive_postgres_up 0.0")
                    .doesNotContain("quantum_safety_archive_errors_total{stage=\"postgres\"} 0.0");
            HttpResponse<String> ready = get(base + "/-/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("Not ready");
        }
    }

    private static ArchiveConfig config(int redisPort, PostgresTarget target) {
        return new ArchiveConfig(Fixture.redis("127.0.0.1", redisPort), Fixture.SCHEMA, target, 100,
                Duration.ofMillis(200), List.of("127.0.0.1:0"), Optional.empty(), "test");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
