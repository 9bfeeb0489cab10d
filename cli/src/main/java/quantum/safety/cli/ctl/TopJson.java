package quantum.safety.cli.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.state.RateWindow;
import quantum.safety.state.RateWindows;

/** {@code ctl top --json}: one object per refresh with the words of the text ({@code OK}, {@code UNREADABLE}…). */
final class TopJson {

    private TopJson() {
    }

    /** {@code OK}, or {@code PROBLEMS} when Redis holds bad data; the exit code goes with it. */
    static String status(RateWindows w) {
        return w.problems().isEmpty() ? "OK" : "PROBLEMS";
    }

    static Map<String, Object> of(RateWindows w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status(w));
        json.put("read_at", w.readAt().toString());
        json.put("window_seconds", w.current().windowSeconds());
        json.put("ends_in_seconds", TopCommand.secondsLeft(w));
        json.put("global_max", w.limits().globalMax());
        json.put("symbol_max", w.limits().symbolMax());
        json.put("limits", w.limitsNote());
        json.put("current", window(w.current(), w.limits().symbolMax()));
        json.put("previous", window(w.previous(), w.limits().symbolMax()));
        json.put("problems", w.problems());
        return json;
    }

    private static Map<String, Object> window(RateWindow w, int symbolMax) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bucket", w.bucket());
        json.put("state", w.globalExpired() ? "EXPIRED" : w.globalCount().isPresent() ? "OK" : "UNREADABLE");
        json.put("global_count", w.globalCount().isPresent() ? w.globalCount().getAsLong() : null);
        List<Map<String, Object>> top = w.top().stream().map(s -> {
            Map<String, Object> symbol = new LinkedHashMap<>();
            symbol.put("symbol", s.symbol());
            symbol.put("count", (long) s.count());
            symbol.put("over_limit", s.count() > symbolMax);
            return symbol;
        }).toList();
        json.put("top", top);
        json.put("scan_truncated", w.scanTruncated());
        return json;
    }
}
