package quantum.safety.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import quantum.safety.process.LocalRedis;
import quantum.safety.process.ServerProcess;

/**
 * A second real Prometheus that only receives: {@code --web.enable-remote-write-receiver} (the flag's name since
 * Prometheus 2.33; 2.42 in Debian 12) on a free loopback port, behind basic auth from a web config
 * ({@link #USER}/{@link #PASSWORD}), so that a sender with wrong credentials is refused (401) as a real long-term
 * store would refuse it. It scrapes nothing: whatever it holds came by remote write. Tests using it carry
 * {@code @RequiresTools({"prometheus"})}.
 */
public final class RemoteWriteReceiver extends ServerProcess {

    public static final String USER = "quantum";
    public static final String PASSWORD = "remote-write-test-password";
    /** bcrypt of {@link #PASSWORD}: {@code htpasswd -nbBC 10 quantum remote-write-test-password}. */
    private static final String PASSWORD_HASH = "$2y$10$tf5ryt1QquV1gUMEG4xjPuj/..ObTHg6Vm7pPRQMlTUpgA02YgksW";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private RemoteWriteReceiver(int port, Path workDir) {
        super("prometheus-receiver", port, workDir);
    }

    /** Starts it and waits until it is ready. */
    public static RemoteWriteReceiver launch() throws IOException {
        Path dir = Files.createTempDirectory("quantum-remote-write-receiver-");
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n");
        Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  " + USER + ": " + PASSWORD_HASH + "\n");
        RemoteWriteReceiver receiver = new RemoteWriteReceiver(LocalRedis.freePort(), dir);
        try {
            receiver.start();
        } catch (IOException | RuntimeException e) {
            receiver.close();
            throw e;
        }
        return receiver;
    }

    /** Where senders write: {@code http://127.0.0.1:PORT/api/v1/write}. */
    public String writeUrl() {
        return url() + "/api/v1/write";
    }

    /** The body of an authenticated instant query, e.g. {@code {"status":"success","data":{…}}}. */
    public String query(String promql) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/api/v1/query?query="
                        + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .header("Authorization", authorization()).timeout(Duration.ofSeconds(5)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    protected Optional<String> readyAuthorization() {
        return Optional.of(authorization());
    }

    @Override
    protected List<String> command() {
        return List.of("prometheus",
                "--config.file=" + workDir().resolve("prometheus.yml"),
                "--storage.tsdb.path=" + workDir().resolve("data"),
                "--web.listen-address=127.0.0.1:" + port(),
                "--web.config.file=" + workDir().resolve("web.yml"),
                "--web.enable-remote-write-receiver",
                "--log.level=warn");
    }

    private static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
