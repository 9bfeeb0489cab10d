package quantum.safety.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP GETs against the exporter on loopback. */
final class Web {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    record Answer(int status, String body) {
    }

    private Web() {
    }

    static Answer get(String url) {
        return get(url, null);
    }

    /** A GET as Prometheus sends it, with its scrape timeout in {@code X-Prometheus-Scrape-Timeout-Seconds}. */
    static Answer get(String url, String scrapeTimeoutSeconds) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (scrapeTimeoutSeconds != null) {
            request.header("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeoutSeconds);
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
