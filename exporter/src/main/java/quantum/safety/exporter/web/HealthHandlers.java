package quantum.safety.exporter.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** {@code /-/ready} (Redis answers a PING), as Prometheus has it; {@code /-/healthy} is the web server's own. */
final class HealthHandlers {

    private HealthHandlers() {
    }

    static HttpHandler ready(BooleanSupplier redisAnswers) {
        return exchange -> {
            if (redisAnswers.getAsBoolean()) {
                respond(exchange, 200, "Ready.\n");
            } else {
                respond(exchange, 503, "Not ready: Redis does not answer.\n");
            }
        };
    }

    static void respond(HttpExchange exchange, int status, String text) throws IOException {
        respond(exchange, status, "text/plain; charset=utf-8", text);
    }

    static void respond(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        try (exchange) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
