package quantum.safety.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The other end of Alertmanager's webhook receivers, inside the test: a JDK HttpServer on loopback that keeps every
 * notification (Alertmanager's version 4 JSON payload) in arrival order, one {@link Alert} per alert in it.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert of one notification; {@code seq} is the arrival number of the notification that carried it. */
    public record Alert(int seq, String path, String status, Map<String, String> labels, Map<String, String> annotations) {

        public String name() {
            return labels.getOrDefault("alertname", "");
        }

        public boolean firing() {
            return "firing".equals(status);
        }
    }

    private final HttpServer server;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private int notifications;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                receiver.record(exchange.getRequestURI().getPath(), in.readAllBytes());
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException | RuntimeException e) {
                receiver.errors.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return receiver;
    }

    /** The URL a receiver named {@code name} posts to. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    private synchronized void record(String path, byte[] body) throws IOException {
        JsonNode payload = JSON.readTree(body);
        int seq = ++notifications;
        for (JsonNode alert : payload.path("alerts")) {
            alerts.add(new Alert(seq, path, alert.path("status").asText(), map(alert.path("labels")),
                    map(alert.path("annotations"))));
        }
    }

    private static Map<String, String> map(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<Map<String, String>>() { });
    }

    /** Every alert received so far, in arrival order. */
    public List<Alert> alerts() {
        return new ArrayList<>(alerts);
    }

    /** Payloads that could not be read (expected: none). */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
