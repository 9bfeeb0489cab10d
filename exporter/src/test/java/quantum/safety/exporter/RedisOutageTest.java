package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Redis dying or stalling under a running exporter. The HTTP client here waits up to 30 s; a scrape that answers has
 * kept its deadline when its body says the deadline passed before the collection finished.
 */
class RedisOutageTest {

    private static void assertNothingCollected(MetricsText metrics) {
        assertThat(metrics.get("quantum_safety_redis_up")).isZero();
        assertThat(metrics.family("quantum_safety_collector_success")).hasSize(7)
                .allSatisfy((series, value) -> assertThat(value).isZero());
        assertThat(metrics.has("quantum_safety_safe_mode")).isFalse();
    }

    private static void assertComplete(MetricsText metrics) {
        assertThat(metrics.get("quantum_safety_redis_up")).isEqualTo(1);
        assertThat(metrics.family("quantum_safety_collector_success")).hasSize(7)
                .allSatisfy((series, value) -> assertThat(value).isEqualTo(1));
    }

    @Test
    void redisKilledMidRunEveryScrapeAnswersWithRedisDownAndTheNextScrapeAfterItsReturnIsComplete() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             ExporterServer server = TestExporters.start(redis.host(), redis.port(),
                     b -> b.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)))) {
            assertComplete(Http.metrics(server, "2"));

            redis.kill();
            double errors = 0;
            for (int i = 0; i < 5; i++) {
                MetricsText metrics = Http.metrics(server, "2");
                assertNothingCollected(metrics);
                assertThat(metrics.get("quantum_safety_exporter_errors_total")).isGreaterThan(errors);
                errors = metrics.get("quantum_safety_exporter_errors_total");
            }

            redis.restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.redisBackoffRemaining().isZero());
            MetricsText back = Http.metrics(server, "2");
            assertComplete(back);
            assertThat(back.get("quantum_safety_redis_last_error_timestamp")).isPositive();
        }
    }

    @Test
    void redisPausedTheScrapeAnswersAtItsDeadlineAndConcurrentScrapesShareOneCollection() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            // A socket timeout far longer than the pause: only the scrape deadline can end the wait.
            RedisConnector patient = RedisConnector.to(RedisEndpoint.standalone(redis.host(), redis.port()),
                    RedisCredentials.none()).socketTimeout(Duration.ofSeconds(20));
            try (ExporterServer server = ExporterServer.start(ExporterConfig.builder(patient)
                    .listenAddresses(List.of("127.0.0.1:0")).runtimeMetrics(false).build())) {
                assertComplete(Http.metrics(server, "2"));
                double before = Http.metrics(server, "2").get("quantum_safety_exporter_scrapes_total");
                try (Jedis admin = redis.connect()) {
                    admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", "5000", "ALL");
                }
                ExecutorService scrapers = Executors.newFixedThreadPool(4);
                try {
                    List<Future<MetricsText>> scrapes = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        scrapes.add(scrapers.submit(() -> Http.metrics(server, "1")));
                    }
                    for (Future<MetricsText> scrape : scrapes) {
                        MetricsText metrics = scrape.get(30, TimeUnit.SECONDS);
                        assertNothingCollected(metrics);
                        assertThat(metrics.get("quantum_safety_exporter_scrape_deadline_exceeded_total")).isPositive();
                        // One collection for all four scrapes.
                        assertThat(metrics.get("quantum_safety_exporter_scrapes_total")).isEqualTo(before + 1);
                    }
                } finally {
                    scrapers.shutdownNow();
                }
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        assertComplete(Http.metrics(server, "2")));
            }
        }
    }
}
