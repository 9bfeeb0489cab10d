package quantum.safety.service.http;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import quantum.safety.service.metrics.ServiceMetrics.Handler;

/** The service's paths, the method each takes, and whether it runs on the decision threads. */
public enum Route {
    DECIDE("/v1/decide", "POST", Handler.DECIDE, true),
    DECIDE_BATCH("/v1/decide/batch", "POST", Handler.DECIDE_BATCH, true),
    SAFE_MODE("/v1/safe-mode", "POST", Handler.SAFE_MODE, true),
    KILL_SWITCH("/v1/kill-switch", "POST", Handler.KILL_SWITCH, true),
    METRICS("/metrics", "GET", Handler.METRICS, false),
    HEALTHY("/-/healthy", "GET", Handler.HEALTHY, false),
    READY("/-/ready", "GET", Handler.READY, false),
    LANDING("/", "GET", Handler.OTHER, false),
    UNKNOWN("", "", Handler.OTHER, false);

    private static final Map<String, Route> BY_PATH = Stream.of(values()).filter(r -> r != UNKNOWN)
            .collect(Collectors.toUnmodifiableMap(Route::path, Function.identity()));

    private final String path;
    private final String method;
    private final Handler handler;
    private final boolean decides;

    Route(String path, String method, Handler handler, boolean decides) {
        this.path = path;
        this.method = method;
        this.handler = handler;
        this.decides = decides;
    }

    public static Route of(String path) {
        return BY_PATH.getOrDefault(path, UNKNOWN);
    }

    public String path() {
        return path;
    }

    public String method() {
        return method;
    }

    public Handler handler() {
        return handler;
    }

    /** Runs on the bounded decision threads (and talks to Redis); the rest runs on the small admin pool. */
    public boolean decides() {
        return decides;
    }

    /** GET routes answer HEAD too. */
    public boolean accepts(String requestMethod) {
        return method.equals(requestMethod) || method.equals("GET") && requestMethod.equals("HEAD");
    }
}
