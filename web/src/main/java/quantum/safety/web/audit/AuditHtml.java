package quantum.safety.web.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import quantum.safety.kernel.Text;

/**
 * The audit page as one self-contained HTML document (no script, no external asset: it must work on an air-gapped
 * host). Every value of an event goes through {@link #html}: actors, reasons and symbols are whatever a caller or an
 * operator wrote.
 */
final class AuditHtml {

    /** The columns of their own; every other field is listed under Details. */
    private static final List<String> COLUMNS = List.of("event", "actor", "reason", "symbol");
    private static final Set<String> NOT_DETAILS = Set.copyOf(COLUMNS);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String CSS = """
            body{margin:0;font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;\
            color:#1d2330}header{padding:12px 16px;background:#1d2330;color:#fff}header h1{margin:0;font-size:18px}\
            header p{margin:2px 0 0;font-size:12px;color:#c5cad3}main{padding:12px}nav a{margin-right:12px}\
            table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:4px 8px;\
            border-bottom:1px solid #e3e6ea;vertical-align:top;word-break:break-word}th{color:#5b6577}\
            td.t{white-space:nowrap;font-variant-numeric:tabular-nums}code{font-size:12px}a{color:#1b5fc1}\
            .error{padding:12px 16px;background:#c62828;color:#fff;border-radius:6px}\
            .cc{font-family:monospace;color:#c62828;background:#fdecea}""";

    private AuditHtml() {
    }

    static String page(AuditResult result) {
        AuditRequest r = result.request();
        StringBuilder b = head("Audit trail · " + r.stream());
        b.append("<p>").append(result.entries().size()).append(" event").append(result.entries().size() == 1 ? "" : "s")
                .append(" of the ").append(r.stream()).append(" stream from ").append(time(result.sinceMillis()))
                .append(" to ").append(time(result.untilMillis())).append(" UTC, newest first")
                .append(result.olderBefore().isPresent() ? " (the newest " + r.limit() + ")" : "").append(".</p>\n");
        nav(b, r.stream());
        b.append("<table><tr><th>Time (UTC)</th>");
        COLUMNS.forEach(c -> b.append("<th>").append(c.substring(0, 1).toUpperCase(Locale.ROOT)).append(c.substring(1))
                .append("</th>"));
        b.append("<th>Details</th><th>Stream id</th></tr>\n");
        for (AuditEntry e : result.entries()) {
            b.append("<tr><td class=\"t\">").append(TIME.format(e.time())).append("</td>");
            COLUMNS.forEach(c -> b.append("<td>").append(html(e.field(c))).append("</td>"));
            b.append("<td>").append(details(e.fields())).append("</td><td><code>").append(html(e.id()))
                    .append("</code></td></tr>\n");
        }
        if (result.entries().isEmpty()) {
            b.append("<tr><td colspan=\"7\">no archived events in this range</td></tr>\n");
        }
        b.append("</table>\n");
        result.olderQuery(false).ifPresent(q -> b.append("<p><a id=\"older\" href=\"audit?").append(html(q))
                .append("\">Older events →</a></p>\n"));
        b.append("<p><a id=\"json\" href=\"audit?").append(html(result.query(result.request().before(), true)))
                .append("\">This page as JSON</a></p>\n");
        return b.append("</main></body></html>\n").toString();
    }

    /** A request the page cannot answer (bad parameters, the archive down): the reason, escaped. */
    static String error(String title, String message) {
        StringBuilder b = head(title);
        b.append("<p class=\"error\">").append(html(message)).append("</p>\n");
        nav(b, "audit");
        return b.append("</main></body></html>\n").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(16_384).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(html(title)).append(" · Quantum Safety</title><style>").append(CSS).append("</style></head>\n")
                .append("<body><header><h1>Quantum Safety audit trail</h1><p>every trip and audited change, kept by ")
                .append("the audit archive</p></header><main>\n");
    }

    private static void nav(StringBuilder b, String stream) {
        b.append("<nav><a href=\"audit?stream=audit&amp;since=24h\">Audit events, last 24 hours</a>")
                .append("<a href=\"audit?stream=fault&amp;since=24h\">Faults, last 24 hours</a>")
                .append("<a href=\"audit?stream=").append(html(stream)).append("&amp;since=7d\">Last 7 days</a></nav>\n");
    }

    private static String details(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(fields).forEach((name, value) -> {
            if (!NOT_DETAILS.contains(name)) {
                b.append(b.length() == 0 ? "" : "<br>").append(html(name)).append('=').append(html(value));
            }
        });
        return b.toString();
    }

    private static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    /**
     * Escaped for HTML, and every control or bidirectional character ({@link Text#forbidden}, as {@code ctl} escapes
     * them) and the line/paragraph separators shown as a marked {@code \\uXXXX}: written raw, U+202E would reverse
     * the rest of an actor's name on screen ({@code mallory\\u202Egnp.exe} reads as {@code malloryexe.png}).
     */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (AuditJson.escaped(c)) {
                        b.append("<span class=\"cc\">").append(String.format("\\u%04X", c)).append("</span>");
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }
}
