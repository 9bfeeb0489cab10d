package quantum.safety.exporter.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.status.StatusFormat;
import quantum.safety.kernel.FaultEvent;
import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.PublishedSettings;
import quantum.safety.state.FaultWindow;
import quantum.safety.state.LiveKernels;
import quantum.safety.state.RateWindow;
import quantum.safety.state.SafeModeState;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.StatusLimits;
import quantum.safety.state.StreamWindow;
import quantum.safety.state.SymbolCount;

/**
 * The status page as one self-contained HTML document: inline CSS, no script, no external asset (it must work on an
 * air-gapped host), a meta refresh every 5 s, a viewport for phones. Every value from Redis goes through
 * {@link #html} because symbols and reasons are whatever a caller or an operator wrote.
 */
final class StatusPage {

    static final int REFRESH_SECONDS = 5;

    private static final String CSS = """
            *{box-sizing:border-box}body{margin:0;font:15px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;\
            background:#f4f5f7;color:#1d2330}header{padding:12px 16px;background:#1d2330;color:#fff}\
            header h1{margin:0;font-size:18px}header p{margin:2px 0 0;font-size:12px;color:#c5cad3}\
            .banner{margin:12px;padding:14px 16px;border-radius:8px;font-size:22px;font-weight:700;color:#fff}\
            .banner small{display:block;font-size:14px;font-weight:400}\
            .on{background:#c62828}.off{background:#2e7d32}.warn{background:#ef6c00}.down{background:#616161}\
            .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px;padding:0 12px 12px}\
            section{background:#fff;border-radius:8px;padding:10px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08);\
            overflow-x:auto}h2{margin:0 0 6px;font-size:15px;color:#455066}table{border-collapse:collapse;width:100%}\
            th,td{text-align:left;padding:3px 6px 3px 0;vertical-align:top;word-break:break-word}\
            th{color:#5b6577;font-weight:600;white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}\
            .pill{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:600}\
            .bar{height:6px;background:#e3e6ea;border-radius:3px}.bar i{display:block;height:6px;border-radius:3px;\
            background:#2e7d32}.bar i.hot{background:#c62828}footer{padding:8px 16px 16px;font-size:12px;color:#5b6577}\
            a{color:#1b5fc1}""";

    private StatusPage() {
    }

    static String render(SafetyStatus status, BuildIdentity build) {
        return render(status, build, Optional.empty());
    }

    /** @param archiveUrl the audit archive's external base URL; empty when not configured (the page says so) */
    static String render(SafetyStatus status, BuildIdentity build, Optional<URI> archiveUrl) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
                .append("<title>").append(status.blocked() ? "BLOCKED · " : "").append("Quantum Safety status</title>")
                .append("<style>").append(CSS).append("</style></head>\n<body>\n<header><h1>Quantum Safety status</h1><p>")
                .append(html(build.deployment().isEmpty() ? "" : build.deployment() + " · "))
                .append("read ").append(html(StatusFormat.time(status.readAt())))
                .append(" · refreshes every ").append(REFRESH_SECONDS).append(" s</p></header>\n");
        if (!status.reachable()) {
            b.append("<div class=\"banner down\" id=\"redis-down\">Redis unreachable<small>")
                    .append(html(status.redis().address())).append(": ")
                    .append(html(status.redis().error().orElse("no answer")))
                    .append(". SAFE MODE and the kill switch are unknown; kernels apply their fail policy.</small></div>\n");
            b.append("<div class=\"grid\">\n");
            AuditTrailSection.render(b, archiveUrl);
            b.append("</div>\n");
        } else {
            banner(b, status);
            b.append("<div class=\"grid\">\n");
            safeMode(b, status);
            controls(b, status);
            window(b, "Current window", status.current(), status.limits());
            window(b, "Previous window", status.previous(), status.limits());
            kernels(b, status);
            faults(b, status);
            AuditTrailSection.render(b, archiveUrl);
            decisions(b, status.kernel().decisions());
            redis(b, status);
            problems(b, status.problems());
            b.append("</div>\n");
        }
        b.append("<footer><a href=\"metrics\">Metrics</a> · <a href=\"-/healthy\">Health</a> · ")
                .append("<a href=\"-/ready\">Readiness</a> · Quantum Safety exporter ").append(html(build.version()))
                .append(" (git ").append(html(build.git())).append(")</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void banner(StringBuilder b, SafetyStatus s) {
        SafeModeState sm = s.safeMode();
        if (sm.flag().on()) {
            b.append("<div class=\"banner on\" id=\"safe-mode\">SAFE MODE ON<small>")
                    .append(sm.latched() ? "latched: stays on until an operator clears it"
                            : html(StatusFormat.duration(sm.secondsLeft().orElse(0)) + " of cooldown left"))
                    .append(sm.activeInfo().isEmpty() ? ""
                            : html(" · set by " + sm.infoField("set_by") + ": " + sm.infoField("reason")))
                    .append(unclear(sm.flag(), " · ")).append("</small></div>\n");
        } else {
            b.append("<div class=\"banner off\" id=\"safe-mode\">SAFE MODE OFF<small>new intents are checked "
                    + "against the rate limits</small></div>\n");
        }
        if (s.killSwitch().on()) {
            b.append("<div class=\"banner on\" id=\"kill-switch\">KILL SWITCH ENGAGED")
                    .append("<small>every order is blocked, reduce-only ones too").append(unclear(s.killSwitch(), " · "))
                    .append("</small></div>\n");
        }
    }

    private static void safeMode(StringBuilder b, SafetyStatus s) {
        SafeModeState sm = s.safeMode();
        b.append("<section><h2>SAFE MODE</h2><table>");
        row(b, "State", flag(sm.flag(), "ON", "OFF"));
        if (sm.flag().on()) {
            row(b, "Expires", sm.latched() ? "never (latched)"
                    : html("in " + StatusFormat.duration(sm.secondsLeft().orElse(0))));
            if (sm.activeInfo().isEmpty()) {
                row(b, "Set by", "unknown (set by hand, without the kernel)");
            } else {
                row(b, "Set by", html(sm.infoField("set_by")));
                row(b, "Reason", html(sm.infoField("reason")));
                row(b, "Since", html(StatusFormat.unixTime(sm.infoField("set_at"), s.readAt())));
                row(b, "Source", html(sm.infoField("source")));
            }
        }
        b.append("</table></section>\n");
    }

    private static void controls(StringBuilder b, SafetyStatus s) {
        b.append("<section><h2>Execution controls</h2><table>");
        row(b, "Kill switch", flag(s.killSwitch(), "ENGAGED", "released"));
        row(b, "Execution mode", html(s.controls().mode().text().orElse("unset")));
        row(b, "Governor", html(s.controls().governor().text().orElse("unset")));
        b.append("</table></section>\n");
    }

    private static void window(StringBuilder b, String title, RateWindow w, StatusLimits limits) {
        b.append("<section><h2>").append(title).append(" (").append(w.windowSeconds()).append(" s, bucket ")
                .append(w.bucket()).append(")</h2><table>");
        String global = w.globalExpired() ? "expired" : w.globalCount().isPresent()
                ? w.globalCount().getAsLong() + " / " + limits.globalMax() : "unreadable";
        b.append("<tr><th>All symbols</th><td class=\"n\">").append(html(global)).append("</td><td>");
        w.globalCount().ifPresent(c -> bar(b, c, limits.globalMax()));
        b.append("</td></tr>");
        for (SymbolCount si : w.top()) {
            long count = (long) si.count();
            b.append("<tr><td>").append(html(si.symbol())).append("</td><td class=\"n\">").append(count)
                    .append(" / ").append(limits.symbolMax()).append("</td><td>");
            bar(b, count, limits.symbolMax());
            b.append("</td></tr>");
        }
        if (w.top().isEmpty()) {
            b.append("<tr><td colspan=\"3\">no intents</td></tr>");
        }
        if (w.scanTruncated()) {
            b.append("<tr><td colspan=\"3\">symbol list incomplete (legacy counter scan stopped)</td></tr>");
        }
        b.append("</table></section>\n");
    }

    /** The limits above come from the kernels that published them, or from this exporter's flags: the page says which. */
    private static void kernels(StringBuilder b, SafetyStatus s) {
        b.append("<section id=\"kernels\"><h2>Kernels</h2><p").append(s.limitsSource()
                == LiveKernels.LimitsSource.KERNELS_DISAGREE ? " class=\"pill warn\"" : "").append(">")
                .append(html(s.limitsNote())).append("</p>");
        if (!s.kernels().kernels().isEmpty()) {
            b.append("<table><tr><th>Kernel</th><th>Window</th><th>All / symbol</th><th>Reduce-only</th>")
                    .append("<th>Cooldown</th><th>Fail policy</th><th>Version</th></tr>");
            for (PublishedSettings k : s.kernels().kernels()) {
                b.append("<tr><td>").append(html(k.kernelId())).append("</td><td class=\"n\">")
                        .append(k.windowSeconds()).append(" s</td><td class=\"n\">").append(k.globalMax())
                        .append(" / ").append(k.symbolMax()).append("</td><td>").append(k.reduceOnly()).append(' ')
                        .append(k.reduceOnlyGlobalMax()).append(" / ").append(k.reduceOnlySymbolMax())
                        .append("</td><td class=\"n\">").append(k.cooldownSeconds()).append(" s")
                        .append(k.latchedTrips() ? " (latched)" : k.maxCooldownSeconds() > 0
                                ? " (up to " + k.maxCooldownSeconds() + " s)" : "")
                        .append("</td><td>").append(k.failPolicy()).append("</td><td>").append(html(k.version()))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("</section>\n");
    }

    private static void bar(StringBuilder b, long count, int max) {
        long pct = Math.min(100, Math.max(0, count * 100 / Math.max(1, max)));
        b.append("<div class=\"bar\" style=\"min-width:60px\"><i").append(count > max ? " class=\"hot\"" : "")
                .append(" style=\"width:").append(pct).append("%\"></i></div>");
    }

    private static void faults(StringBuilder b, SafetyStatus s) {
        FaultWindow f = s.faults();
        b.append("<section><h2>Faults</h2><table>");
        if (!f.readable()) {
            row(b, "Fault stream", "unreadable (see Problems)");
            b.append("</table></section>\n");
            return;
        }
        StreamWindow hour = f.lastHour().orElseThrow();
        row(b, "Last hour", hour.count() + (hour.complete() ? "" : "+ (count stopped at the deadline)"));
        s.lastHourReasons().forEach((reason, n) ->
                row(b, "· " + html(reason.isEmpty() ? "(no reason)" : reason), String.valueOf(n)));
        row(b, "In the stream", String.valueOf(f.length().getAsLong()));
        b.append("</table>");
        List<FaultEvent> recent = s.recentFaults();
        if (!recent.isEmpty()) {
            b.append("<h2 style=\"margin-top:8px\">Latest</h2><table><tr><th>When</th><th>Reason</th><th>Symbol</th>")
                    .append("<th>Counts</th></tr>");
            for (FaultEvent e : recent) {
                b.append("<tr><td>").append(html(StatusFormat.time(java.time.Instant.ofEpochMilli((long) (e.epochSeconds() * 1000)))))
                        .append("</td><td>").append(html(e.reason())).append("</td><td>").append(html(e.symbol()))
                        .append(' ').append(html(e.side())).append("</td><td>")
                        .append(html(e.field("global_count") + "/" + e.field("global_max") + " · "
                                + e.field("symbol_count") + "/" + e.field("symbol_max")))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("</section>\n");
    }

    private static void decisions(StringBuilder b, Map<String, Double> decisions) {
        b.append("<section><h2>Decisions (all kernels, ever)</h2><table>");
        if (decisions.isEmpty()) {
            b.append("<tr><td>none recorded</td></tr>");
        }
        decisions.forEach((reason, n) -> b.append("<tr><td>").append(html(reason)).append("</td><td class=\"n\">")
                .append(n.longValue()).append("</td></tr>"));
        b.append("</table></section>\n");
    }

    private static void redis(StringBuilder b, SafetyStatus s) {
        b.append("<section><h2>Redis</h2><table>");
        row(b, "Address", html(s.redis().address()));
        row(b, "Version", html(s.redis().version()));
        row(b, "Round trip", String.format(java.util.Locale.ROOT, "%.1f ms", s.redis().latency().toNanos() / 1e6));
        b.append("</table></section>\n");
    }

    private static void problems(StringBuilder b, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        b.append("<section id=\"problems\"><h2>Problems with the data in Redis</h2><ul>");
        problems.forEach(p -> b.append("<li>").append(html(p)).append("</li>"));
        b.append("</ul></section>\n");
    }

    private static String flag(FlagState value, String on, String off) {
        return value.on() ? "<span class=\"pill on\">" + on + "</span>" + unclear(value, " ")
                : "<span class=\"pill off\">" + off + "</span>";
    }

    /** Why an odd value or a key of another type counts as on, for the operator who has to fix it. */
    private static String unclear(FlagState value, String separator) {
        return value.unclear() ? separator + html(value.describe()) : "";
    }

    private static void row(StringBuilder b, String name, String valueHtml) {
        b.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    static String html(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
