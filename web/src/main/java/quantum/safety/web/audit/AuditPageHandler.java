package quantum.safety.web.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code /audit}: the archived fault and audit events of a time range as an HTML table, newest first, a bounded page
 * at a time with a link to the older page, or as JSON with {@code ?format=json}. Served by the audit archive behind
 * its web config (TLS, basic auth), so the exporter's status page can link to it.
 * <p>
 * Bad parameters answer 400 with the reason; an archive that cannot answer answers 503 with the reason, never an
 * empty table that would read as "nothing happened".
 */
public final class AuditPageHandler implements HttpHandler {

    /** The path the handler serves; the status page links to it. */
    public static final String PATH = "/audit";

    private static final Logger LOG = LoggerFactory.getLogger(AuditPageHandler.class);

    private final AuditSource source;

    public AuditPageHandler(AuditSource source) {
        this.source = source;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean json = String.valueOf(exchange.getRequestURI().getRawQuery()).contains("format=json");
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                respond(exchange, 404, json, "Not found", "Not found. The audit trail is at " + PATH + "?since=24h.");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, json, "Method not allowed", "Only GET reads the audit trail.");
                return;
            }
            AuditRequest request;
            AuditResult result;
            try {
                request = AuditRequest.parse(exchange.getRequestURI());
                result = AuditResult.read(source, request);
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, json, "Bad request", e.getMessage());
                return;
            } catch (AuditSource.Unavailable e) {
                LOG.warn("audit page: the archive did not answer: {}", e.getMessage());
                respond(exchange, 503, json, "Archive unavailable", "The archive could not be read: "
                        + sentence(e.getMessage()) + " Nothing is shown rather than a partial trail; try again.");
                return;
            }
            send(exchange, 200, request.json(), request.json() ? AuditJson.page(result) : AuditHtml.page(result));
        }
    }

    /** The reason as one sentence: its own closing full stop kept, one added where it has none. */
    private static String sentence(String reason) {
        String text = String.valueOf(reason).strip();
        return text.endsWith(".") ? text : text + ".";
    }

    private static void respond(HttpExchange exchange, int status, boolean json, String title, String message)
            throws IOException {
        send(exchange, status, json, json ? AuditJson.error(message) : AuditHtml.error(title, message));
    }

    private static void send(HttpExchange exchange, int status, boolean json, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
