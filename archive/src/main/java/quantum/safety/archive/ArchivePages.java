package quantum.safety.archive;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import quantum.safety.web.audit.AuditPageHandler;
import quantum.safety.web.http.PlainText;

/**
 * What the archive serves besides {@code /metrics} and health, behind the same web config: {@code /audit} (the
 * archived events, which the exporter's status page links to), and {@code /} pointing at both.
 */
final class ArchivePages implements HttpHandler {

    private final AuditPageHandler audit;

    ArchivePages(PostgresTarget target) {
        this.audit = new AuditPageHandler(new ArchiveAuditSource(target));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(AuditPageHandler.PATH)) {
            audit.handle(exchange);
        } else if (path.equals("/")) {
            PlainText.respond(exchange, 200, "Quantum Safety audit archive: the audit trail at /audit?since=24h "
                    + "(?stream=fault for trips, ?format=json), metrics at /metrics\n");
        } else {
            PlainText.respond(exchange, 404, "Not found. The audit trail is at /audit?since=24h, metrics at /metrics.\n");
        }
    }
}
