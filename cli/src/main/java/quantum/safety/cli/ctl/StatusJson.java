package quantum.safety.cli.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import quantum.safety.kernel.FaultEvent;
import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.PublishedSettings;
import quantum.safety.state.FaultWindow;
import quantum.safety.state.RateWindow;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.StatusLimits;
import quantum.safety.state.StreamWindow;

/** {@code ctl status --json}: the same records as plain maps for Jackson; field names are stable for scripts. */
final class StatusJson {

    private StatusJson() {
    }

    /**
     * @param unreadable why Redis could not be read, in words an operator can act on; used only then
     */
    static Map<String, Object> of(SafetyStatus s, String unreadable) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", StatusVerdict.of(s).name());
        json.put("read_at", s.readAt().toString());
        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put("up", s.redis().up());
        redis.put("address", s.redis().address());
        redis.put("version", s.redis().version());
        redis.put("latency_ms", s.redis().latency().toNanos() / 1e6);
        s.redis().error().ifPresent(e -> redis.put("error", s.reachable() ? e : unreadable));
        json.put("redis", redis);
        if (!s.reachable()) {
            return json;
        }
        json.put("blocked", s.blocked());
        json.put("blocked_by", StatusVerdict.blockedBy(s));
        Map<String, Object> safeMode = flag(s.safeMode().flag());
        safeMode.put("latched", s.safeMode().latched());
        OptionalLong left = s.safeMode().secondsLeft();
        safeMode.put("ttl_seconds", left.isPresent() ? left.getAsLong() : null);
        safeMode.put("info", s.safeMode().activeInfo());
        json.put("safe_mode", safeMode);
        json.put("kill_switch", flag(s.killSwitch()));
        json.put("execution_mode", s.controls().mode().text().orElse(null));
        json.put("governor", s.controls().governor().text().orElse(null));
        json.put("current_window", window(s.current(), s.limits()));
        json.put("previous_window", window(s.previous(), s.limits()));
        json.put("limits", limits(s));
        json.put("kernels", s.kernels().kernels().stream().map(StatusJson::kernel).toList());
        json.put("faults", faults(s));
        Map<String, Long> decisions = new LinkedHashMap<>();
        s.kernel().decisions().forEach((reason, n) -> decisions.put(reason, n.longValue()));
        json.put("decisions", decisions);
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

    /** An unreadable fault stream (a key of another type) reads as zeros, with {@code readable} false. */
    private static Map<String, Object> faults(SafetyStatus s) {
        FaultWindow f = s.faults();
        boolean readable = f.readable();
        StreamWindow hour = readable ? f.lastHour().orElseThrow() : null;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", readable ? "OK" : "UNREADABLE");
        json.put("readable", readable);
        json.put("stream_length", readable ? f.length().getAsLong() : 0);
        json.put("last_1h", readable ? hour.count() : 0);
        json.put("last_1h_exact", readable && hour.complete());
        json.put("last_1h_by_reason", readable ? s.lastHourReasons() : Map.of());
        json.put("recent", readable ? s.recentFaults().stream().map(StatusJson::fault).toList() : List.of());
        return json;
    }

    /** The limits the windows are shown against and where they come from: kernels, kernels_disagree, configuration. */
    private static Map<String, Object> limits(SafetyStatus s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window_seconds", s.limits().windowSeconds());
        json.put("global_max", s.limits().globalMax());
        json.put("symbol_max", s.limits().symbolMax());
        json.put("source", s.limitsSource().name().toLowerCase(java.util.Locale.ROOT));
        json.put("note", s.limitsNote());
        return json;
    }

    /** One live kernel's published settings, field names as it publishes them. */
    static Map<String, Object> kernel(PublishedSettings k) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kernel_id", k.kernelId());
        json.put("version", k.version());
        json.put("window_seconds", k.windowSeconds());
        json.put("global_max", k.globalMax());
        json.put("symbol_max", k.symbolMax());
        json.put("reduce_only", k.reduceOnly());
        json.put("reduce_only_symbol_max", k.reduceOnlySymbolMax());
        json.put("reduce_only_global_max", k.reduceOnlyGlobalMax());
        json.put("cooldown_seconds", k.cooldownSeconds());
        json.put("max_cooldown_seconds", k.maxCooldownSeconds());
        json.put("latched", k.latchedTrips());
        json.put("fail_policy", k.failPolicy());
        json.put("published_at", k.publishedAt());
        json.put("expires_at", k.expiresAt());
        return json;
    }

    private static Map<String, Object> window(RateWindow w, StatusLimits limits) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bucket", w.bucket());
        json.put("window_seconds", w.windowSeconds());
        json.put("state", w.globalCount().isPresent() ? "OK" : "UNREADABLE");
        json.put("global_count", w.globalCount().isPresent() ? w.globalCount().getAsLong() : null);
        json.put("global_expired", w.globalExpired());
        json.put("global_max", limits.globalMax());
        json.put("symbol_max", limits.symbolMax());
        List<Map<String, Object>> top = w.top().stream()
                .map(si -> Map.<String, Object>of("symbol", si.symbol(), "count", (long) si.count())).toList();
        json.put("top", top);
        json.put("scan_truncated", w.scanTruncated());
        return json;
    }
}
