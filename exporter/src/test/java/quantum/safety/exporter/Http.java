package quantum.safety.exporter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small HTTP helpers for tests against a running exporter. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return get(url, null);
    }

    /** GET with an optional {@code X-Prometheus-Scrape-Timeout-Seconds}; the request itself gives up after 30 s. */
    public static HttpResponse<String> get(String url, String scrapeTimeoutSeconds) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (scrapeTimeoutSeconds != null) {
            request.header("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeoutSeconds);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static MetricsText metrics(ExporterServer server) {
        return metrics(server, null);
    }

    public static MetricsText metrics(ExporterServer server, String scrapeTimeoutSeconds) {
        HttpResponse<String> response = get("http://127.0.0.1:" + server.port() + "/metrics", scrapeTimeoutSeconds);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + response.statusCode() + ": " + response.body());
        }
        return new MetricsText(response.body());
    }
}
