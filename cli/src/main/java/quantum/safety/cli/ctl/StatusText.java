package quantum.safety.cli.ctl;

import static quantum.safety.exporter.status.StatusFormat.oneLine;

import java.util.Locale;
import java.util.StringJoiner;

import quantum.safety.exporter.status.StatusFormat;
import quantum.safety.kernel.FaultEvent;
import quantum.safety.kernel.FlagState;
import quantum.safety.state.FaultWindow;
import quantum.safety.state.RateWindow;
import quantum.safety.state.SafeModeState;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.StatusLimits;
import quantum.safety.state.StreamWindow;
import quantum.safety.state.SymbolCount;

/** {@code ctl status} for people: one screen, the most urgent line first. */
final class StatusText {

    private static final int VALUE = 60;

    private StatusText() {
    }

    /**
     * @param unreadable why Redis could not be read, in words an operator can act on; used only then
     */
    static String render(SafetyStatus s, String unreadable) {
        StringBuilder b = new StringBuilder();
        StatusVerdict verdict = StatusVerdict.of(s);
        if (verdict == StatusVerdict.UNREADABLE) {
            line(b, "Status", Terminal.style("@|bold,red UNREADABLE|@: ") + unreadable);
            b.append("SAFE MODE and the kill switch are unknown; kernels apply their fail policy.\n");
            return b.toString();
        }
        line(b, "Status", verdict(verdict, s));
        safeMode(b, s);
        line(b, "Kill switch", flag(s.killSwitch(), "@|bold,red ON|@ (engaged: every order blocked)", "OFF (released)"));
        line(b, "Execution", "mode " + oneLine(s.controls().mode().text().orElse("unset"), 20) + " · governor "
                + oneLine(s.controls().governor().text().orElse("unset"), 20));
        window(b, "Window now", s.current(), s.limits());
        window(b, "Previous", s.previous(), s.limits());
        line(b, "Limits", oneLine(s.limitsNote(), 200));
        faults(b, s);
        StringJoiner decisions = new StringJoiner(" · ");
        s.kernel().decisions().forEach((reason, n) -> decisions.add(oneLine(reason, 30) + " " + n.longValue()));
        line(b, "Decisions", decisions.length() == 0 ? "none recorded" : decisions.toString());
        line(b, "Redis", oneLine(s.redis().address(), VALUE) + " · version " + oneLine(s.redis().version(), 20)
                + String.format(Locale.ROOT, " · round trip %.1f ms", s.redis().latency().toNanos() / 1e6));
        if (!s.problems().isEmpty()) {
            line(b, Terminal.style("@|yellow Problems|@"), s.problems().size() + " (bad data in Redis; counted, not fatal)");
            s.problems().forEach(p -> b.append("  - ").append(oneLine(p, 200)).append('\n'));
        }
        return b.toString();
    }

    /** The verdict's word, as in the JSON's {@code status}, and what it means here. */
    private static String verdict(StatusVerdict verdict, SafetyStatus s) {
        return switch (verdict) {
            case OK -> Terminal.style("@|bold,green OK|@") + ": nothing blocks new intents";
            case PROBLEMS -> Terminal.style("@|bold,yellow PROBLEMS|@") + ": nothing blocks new intents, but Redis "
                    + "holds bad data (see Problems)";
            default -> Terminal.style("@|bold,red BLOCKED|@") + ": new intents are blocked by "
                    + String.join(" and ", StatusVerdict.blockedBy(s).stream()
                    .map(StatusText::blocker).toList());
        };
    }

    private static String blocker(String by) {
        return switch (by) {
            case "SAFE_MODE" -> "SAFE MODE";
            case "KILL_SWITCH" -> "the kill switch";
            default -> "an unreadable global counter of this window (the kernels answer STATE_UNREADABLE until it ends)";
        };
    }

    private static void safeMode(StringBuilder b, SafetyStatus s) {
        SafeModeState sm = s.safeMode();
        if (!sm.flag().on()) {
            line(b, "SAFE MODE", Terminal.style("@|bold,green OFF|@"));
            return;
        }
        line(b, "SAFE MODE", Terminal.style("@|bold,red ON|@") + (sm.latched() ? " latched (stays on until cleared)"
                : " for " + StatusFormat.duration(sm.secondsLeft().orElse(0)) + " more") + unclear(sm.flag()));
        if (sm.activeInfo().isEmpty()) {
            line(b, "  set by", "unknown (set by hand, without the kernel)");
        } else {
            line(b, "  set by", oneLine(sm.infoField("set_by"), VALUE) + " (" + oneLine(sm.infoField("source"), 10)
                    + ") · since " + oneLine(StatusFormat.unixTime(sm.infoField("set_at"), s.readAt()), 40));
            line(b, "  reason", oneLine(sm.infoField("reason"), 120));
        }
    }

    private static void window(StringBuilder b, String title, RateWindow w, StatusLimits limits) {
        String global = w.globalExpired() ? "EXPIRED" : w.globalCount().isPresent()
                ? w.globalCount().getAsLong() + "/" + limits.globalMax() : "UNREADABLE";
        StringJoiner top = new StringJoiner(", ");
        for (SymbolCount si : w.top()) {
            top.add(oneLine(si.symbol(), 24) + " " + (long) si.count() + "/" + limits.symbolMax());
        }
        line(b, title, w.windowSeconds() + "s window, all symbols " + global + " · top: "
                + (w.top().isEmpty() ? "none" : top.toString()) + (w.scanTruncated() ? " (incomplete)" : ""));
    }

    private static void faults(StringBuilder b, SafetyStatus s) {
        FaultWindow f = s.faults();
        if (!f.readable()) {
            line(b, "Faults", "UNREADABLE (see Problems)");
            return;
        }
        StreamWindow hour = f.lastHour().orElseThrow();
        StringJoiner reasons = new StringJoiner(", ");
        s.lastHourReasons().forEach((r, n) -> reasons.add(oneLine(r.isEmpty() ? "(none)" : r, 30) + " " + n));
        line(b, "Faults", hour.count() + (hour.complete() ? "" : "+") + " in the last hour"
                + (reasons.length() == 0 ? "" : " (" + reasons + ")") + " · " + f.length().getAsLong() + " in the stream");
        for (FaultEvent e : s.recentFaults()) {
            b.append("  ").append(FaultTable.row(e)).append('\n');
        }
    }

    private static String flag(FlagState value, String onMarkup, String off) {
        return value.on() ? Terminal.style(onMarkup) + unclear(value) : off;
    }

    /** Why an odd value or a key of another type counts as on; never markup, since it quotes what Redis holds. */
    private static String unclear(FlagState value) {
        return value.unclear() ? " — " + oneLine(value.describe(), 120) : "";
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(Terminal.style("@|bold " + label + "|@"));
        int pad = 13 - label.length();
        b.append(" ".repeat(Math.max(1, pad))).append(value).append('\n');
    }
}
