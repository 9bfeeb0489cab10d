package quantum.safety.exporter.web;

import java.net.URI;
import java.util.Optional;

import quantum.safety.exporter.ExporterSetting;

/**
 * The status page's way into the audit trail: the audit archive keeps the fault and audit events the Redis streams
 * have trimmed, and serves them at {@code /audit}. With {@code --web.archive-url} the page links to the last 24 hours
 * there; without it the page says so and names the setting, so a missing link is never mistaken for a missing trail.
 */
final class AuditTrailSection {

    static final String LAST_DAY = "/audit?since=24h";

    private AuditTrailSection() {
    }

    static void render(StringBuilder b, Optional<URI> archiveUrl) {
        b.append("<section id=\"audit-trail\"><h2>Audit trail</h2><p>");
        if (archiveUrl.isPresent()) {
            String href = link(archiveUrl.get());
            b.append("<a href=\"").append(StatusPage.html(href)).append("\">Audit trail — last 24 hours</a>")
                    .append("<br><small>every trip and audited change, served by the audit archive at ")
                    .append(StatusPage.html(archiveUrl.get().toString())).append("</small>");
        } else {
            b.append("The audit archive is not configured: the page links to its audit trail once ")
                    .append(ExporterSetting.ARCHIVE_URL.flag()).append(" (env ").append(ExporterSetting.ARCHIVE_URL.env())
                    .append(") gives its external URL. Until then the Redis streams hold only their newest events.");
        }
        b.append("</p></section>\n");
    }

    /** {@code https://archive.example:9107/base} → {@code https://archive.example:9107/base/audit?since=24h}. */
    static String link(URI base) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text + LAST_DAY;
    }
}
