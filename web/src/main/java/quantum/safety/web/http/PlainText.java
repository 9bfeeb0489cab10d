package quantum.safety.web.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** Short plain-text answers (health, readiness), with HEAD answered without a body as Prometheus does. */
public final class PlainText {

    private PlainText() {
    }

    /** A handler that always answers {@code status} with {@code text}. */
    public static HttpHandler handler(int status, String text) {
        return exchange -> respond(exchange, status, text);
    }

    public static void respond(HttpExchange exchange, int status, String text) throws IOException {
        try (exchange) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
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
