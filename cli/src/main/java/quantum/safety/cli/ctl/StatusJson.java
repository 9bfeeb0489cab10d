package quantum.safety.cli.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.exporter.status.RateWindow;
import quantum.safety.exporter.status.SafetyStatus;
import quantum.safety.kernel.FaultEvent;
import quantum.safety.kernel.FlagState;

/** {@code ctl status --json}: the same snapshot as plain maps for Jackson; field names are stable for scripts. */
final class StatusJson {

    private StatusJson() {
    }

    static Map<String, Object> of(SafetyStatus s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("read_at", s.readAt().toString());
        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put("up", s.redis().up());
        redis.put("address", s.redis().address());
        redis.put("version", s.redis().version());
        redis.put("latency_ms", s.redis().latency().toNanos() / 1e6);
        s.redis().error().ifPresent(e -> redis.put("error", e));
        json.put("redis", redis);
        if (!s.reachable()) {
            return json;
        }
        json.put("blocked", s.blocked());
        Map<String, Object> safeMode = flag(s.safeMode().flag());
        safeMode.put("latched", s.safeMode().latched());
        safeMode.put("ttl_seconds", s.safeMode().ttlSeconds().isPresent() ? s.safeMode().ttlSeconds().getAsLong() : null);
        safeMode.put("info", s.safeMode().info());
        json.put("safe_mode", safeMode);
        json.put("kill_switch", flag(s.killSwitch()));
        json.put("execution_mode", s.executionMode().orElse(null));
        json.put("governor", s.governor().orElse(null));
        json.put("current_window", window(s.current()));
        json.put("previous_window", window(s.previous()));
        Map<String, Object> faults = new LinkedHashMap<>();
        faults.put("readable", s.faults().readable());
        faults.put("stream_length", s.faults().streamLength());
        faults.put("last_1h", s.faults().lastHour());
        faults.put("last_1h_exact", s.faults().lastHourExact());
        faults.put("last_1h_by_reason", s.faults().lastHourByReason());
        faults.put("recent", s.faults().recent().stream().map(StatusJson::fault).toList());
        json.put("faults", faults);
        json.put("decisions", s.decisions());
        json.put("problems", s.problems());
        return json;
    }

    /**
     * A flag by the kernel's rule: {@code state} is ON or OFF, nothing else; {@code unclear} marks an on that comes
     * from an odd value or a key of another type, which {@code description} explains.
     */
    static Map<String, Object> flag(FlagState f) {
        boolean wrongType = f.kind() == FlagState.Kind.WRONG_TYPE;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", f.on() ? "ON" : "OFF");
        json.put("unclear", f.unclear());
        json.put("kind", f.kind().name());
        json.put("type", wrongType ? f.value() : f.kind() == FlagState.Kind.ABSENT ? "none" : "string");
        json.put("value", wrongType ? "" : f.value());
        json.put("description", f.describe());
        return json;
    }

    static Map<String, Object> fault(FaultEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("time", java.time.Instant.ofEpochMilli((long) (e.epochSeconds() * 1000)).toString());
        json.put("fields", new java.util.TreeMap<>(e.fields()));
        return json;
    }

    private static Map<String, Object> window(RateWindow w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bucket", w.bucket());
        json.put("window_seconds", w.windowSeconds());
        json.put("global_count", w.globalCount().isPresent() ? w.globalCount().getAsLong() : null);
        json.put("global_max", w.globalMax());
        json.put("symbol_max", w.symbolMax());
        List<Map<String, Object>> top = w.top().stream()
                .map(si -> Map.<String, Object>of("symbol", si.symbol(), "count", si.count())).toList();
        json.put("top", top);
        json.put("scan_truncated", w.scanTruncated());
        return json;
    }
}
