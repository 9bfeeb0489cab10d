package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.web.http.HttpLimits;
import quantum.safety.process.LocalRedis;

/** Slowloris and oversized requests against the exporter's real HTTP server on loopback. */
@Tag("reliability")
class HostileRequestsTest {

    /** Prometheus' default scrape_timeout: a scrape not answered by then is a failed scrape. */
    private static final Duration SCRAPE_DEADLINE = Duration.ofSeconds(10);
    private static final int HTTP_THREADS = 2;

    @Test
    void slowClientsDoNotStopScrapesAndAreCut() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             ExporterServer exporter = Fixtures.exporter(redis.uri(), b -> b.maxHttpThreads(HTTP_THREADS));
             HostileClients slow = HostileClients.open(exporter.port(), 8, 4 * HTTP_THREADS, HTTP_THREADS)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create(Fixtures.metricsUrl(exporter)))
                    .timeout(SCRAPE_DEADLINE).build();
            int scrapes = 12;
            long start = System.nanoTime();
            List<CompletableFuture<Long>> answers = new ArrayList<>();
            for (int i = 0; i < scrapes; i++) {
                answers.add(client.sendAsync(scrape, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).contains("quantum_safety_redis_up 1.0");
                    return (System.nanoTime() - start) / 1_000_000;
                }));
            }
            long slowest = 0;
            for (CompletableFuture<Long> a : answers) {
                slowest = Math.max(slowest, a.join()); // a scrape past the deadline fails the join
            }
            // The half-header connections are closed by the server, not left holding HTTP threads.
            await().atMost(Duration.ofSeconds(30)).until(() -> slow.stalledClosedByServer() == 4 * HTTP_THREADS);
            assertThat(client.send(scrape, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            Results.record(new Results.Row("5.3", "Slowloris: " + (8 + 5 * HTTP_THREADS) + " slow connections (8 silent, "
                    + 4 * HTTP_THREADS + " stopped mid-header, " + HTTP_THREADS + " trickling a byte per 200 ms) against "
                    + HTTP_THREADS + " HTTP threads (+" + HttpLimits.SLOW_REQUEST_THREADS + " for slow requests), with "
                    + scrapes + " concurrent scrapes",
                    "every scrape answered within the " + SCRAPE_DEADLINE.toSeconds() + " s scrape timeout; a request "
                            + "whose headers are not complete " + HttpLimits.value(HttpLimits.MAX_REQUEST_TIME)
                            + " s after it started is closed",
                    "n/a", "0 of " + scrapes, "slowest scrape " + Results.ms(slowest), "n/a",
                    "pass: " + 4 * HTTP_THREADS + " of " + 4 * HTTP_THREADS + " stalled connections closed by the server"));
        }
    }

    @Test
    void hugeHeadersAndBodiesAreRefusedAndTheServerStaysUp() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); ExporterServer exporter = Fixtures.exporter(redis.uri())) {
            String big = "a".repeat(1_000_000);
            String header = HostileClients.raw(exporter.port(),
                    ("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String body = HostileClients.raw(exporter.port(), ("POST /metrics HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 100000000\r\n\r\n" + big).getBytes(StandardCharsets.US_ASCII));
            String chunked = HostileClients.raw(exporter.port(), ("POST /metrics HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nF4240\r\n" + big).getBytes(StandardCharsets.US_ASCII));
            assertThat(header).matches("HTTP/1.1 4(00|31) .*|closed.*");
            assertThat(body).matches("HTTP/1.1 413 .*|closed.*");
            assertThat(chunked).matches("HTTP/1.1 413 .*|closed.*");
            assertThat(Web.get(Fixtures.metricsUrl(exporter)).status()).isEqualTo(200);
            Results.record(new Results.Row("5.1", "Oversized request: 1 MB header; 100 MB declared body; 1 MB chunked body",
                    "refused without being read whole (header cap " + HttpLimits.value(HttpLimits.MAX_REQUEST_HEADER_SIZE)
                            + " bytes, no request bodies); the server keeps answering",
                    "n/a", "0 (later scrape 200)", "n/a", "n/a",
                    "pass: header → " + header + "; body → " + body + "; chunked → " + chunked));
        }
    }
}
