package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.exporter.collect.Deadline;
import quantum.safety.exporter.collect.StandardCollectors;
import quantum.safety.exporter.redis.Backoff;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.scrape.CollectionRun;
import quantum.safety.exporter.scrape.CollectionRunner;
import quantum.safety.exporter.scrape.CollectionTask;
import quantum.safety.exporter.scrape.ExporterCollector;
import quantum.safety.exporter.scrape.ScrapeCoordinator;
import quantum.safety.exporter.scrape.ScrapeStats;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.state.StatusLimits;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import quantum.safety.web.ListenAddress;
import quantum.safety.web.WebConfig;
import quantum.safety.web.http.WebServer;
import redis.clients.jedis.Jedis;

/**
 * Status page loads and scrapes that arrive while a collection runs join it: Redis sees one collection, and the page
 * shows the facts of that same read. The collection is held at its start until every request has joined, so the test
 * does not depend on how fast anything is.
 */
@ExtendWith(RedisExtension.class)
class StatusPageSingleFlightTest {

    private static final BuildIdentity BUILD = new BuildIdentity("0.1.0-test", "abc1234", "test");
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Runs the real collection once released; says when the first collection has started. */
    private static final class HeldCollection implements CollectionTask {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final CollectionTask real;

        HeldCollection(CollectionTask real) {
            this.real = real;
        }

        @Override
        public List<String> collectorNames() {
            return real.collectorNames();
        }

        @Override
        public void run(CollectionRun collection, Deadline deadline) {
            started.countDown();
            try {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            real.run(collection, deadline);
        }
    }

    @Test
    void pageLoadsAndScrapesArrivingTogetherShareOneRedisCollection(TestRedis redis) throws Exception {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.safeMode(), "1");
        }
        StatusLimits limits = StatusLimits.builder().kernel(KernelConfig.defaults()).lastFaults(10).build();
        ScrapeStats stats = new ScrapeStats();
        RedisSession session = new RedisSession(TestExporters.connector(redis.host(), redis.port())::open,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), Clock.systemUTC(), true);
        HeldCollection held = new HeldCollection(new CollectionRunner(session, Seed.SCHEMA, limits, redis.uri(),
                StandardCollectors.create(10, true), stats));
        PrometheusRegistry registry = new PrometheusRegistry();
        try (ScrapeCoordinator coordinator = new ScrapeCoordinator(held, stats);
             WebServer web = WebServer.start(List.of(ListenAddress.parse("127.0.0.1:0")), WebConfig.none(), null,
                     HandlersFactory.routes(registry, coordinator, session, limits, BUILD, redis.uri(), WAIT), 16)) {
            registry.register(new ExporterCollector(coordinator, stats, session, BUILD, WAIT));
            String base = "http://127.0.0.1:" + web.addresses().get(0).getPort();
            long xlenBefore = calls(redis, "xlen");
            HttpClient client = HttpClient.newHttpClient();

            List<CompletableFuture<HttpResponse<String>>> pages = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
            pages.add(get(client, base + "/"));
            assertThat(held.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                pages.add(get(client, base + "/"));
                scrapes.add(get(client, base + "/metrics"));
            }
            await().atMost(WAIT).until(() -> coordinator.scrapesJoined() == 7);
            held.release.countDown();

            for (CompletableFuture<HttpResponse<String>> page : pages) {
                assertThat(page.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).contains("SAFE MODE ON");
            }
            for (CompletableFuture<HttpResponse<String>> scrape : scrapes) {
                assertThat(scrape.get(WAIT.toSeconds(), TimeUnit.SECONDS).body())
                        .contains("quantum_safety_safe_mode 1.0").contains("quantum_safety_exporter_scrapes_total 1.0");
            }
            assertThat(coordinator.collectionsStarted()).isEqualTo(1);
            // One collection reads the fault and the trade-intent stream once each, whoever asked.
            assertThat(calls(redis, "xlen") - xlenBefore).isEqualTo(2);
        } finally {
            session.close();
        }
    }

    private static CompletableFuture<HttpResponse<String>> get(HttpClient client, String url) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long calls(TestRedis redis, String command) {
        try (Jedis jedis = redis.connect()) {
            return jedis.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_" + command + ":"))
                    .mapToLong(l -> Long.parseLong(l.replaceFirst("^cmdstat_[^:]+:calls=(\\d+),.*$", "$1")))
                    .findFirst().orElse(0);
        }
    }
}
