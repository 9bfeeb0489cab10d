package quantum.safety.exporter.web;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalDouble;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.scrape.Collection;
import quantum.safety.exporter.scrape.ScrapeCoordinator;

/**
 * {@code /}: what this is, its version, a link to the metrics, and the current SAFE MODE and kill switch as a fresh
 * collection sees them. Plain HTML without external assets; every other path is a 404.
 */
final class LandingPageHandler implements HttpHandler {

    /** A person is waiting: do not wait for Redis longer than this. */
    private static final Duration BUDGET = Duration.ofSeconds(1);

    private final ScrapeCoordinator coordinator;
    private final BuildIdentity build;
    private final String redisAddress;

    LandingPageHandler(ScrapeCoordinator coordinator, BuildIdentity build, String redisAddress) {
        this.coordinator = coordinator;
        this.build = build;
        this.redisAddress = redisAddress;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            HealthHandlers.respond(exchange, 404, "Not found. Metrics are at /metrics.\n");
            return;
        }
        Collection.View view = coordinator.scrape(BUDGET).view();
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<title>Quantum Safety exporter</title></head>\n<body>\n"
                + "<h1>Quantum Safety exporter</h1>\n"
                + "<p>Safety telemetry of the Quantum Safety kernel, read from Redis on every scrape.</p>\n"
                + "<p>Version " + html(build.version()) + " (git " + html(build.git()) + ")"
                + (build.deployment().isEmpty() ? "" : ", deployment " + html(build.deployment())) + ".</p>\n"
                + "<p><a href=\"metrics\">Metrics</a> &middot; <a href=\"-/healthy\">Health</a> &middot; "
                + "<a href=\"-/ready\">Readiness</a></p>\n"
                + "<h2>Now</h2>\n<table>\n"
                + row("Redis", (view.redisUp() ? "up" : "DOWN") + " (" + html(redisAddress) + ")")
                + row("SAFE MODE", safeMode(view))
                + row("Kill switch", flag(view.gauge("quantum_safety_kill_switch_engaged"), "ENGAGED: every order is blocked", "released"))
                + row("Execution mode", html(view.state("quantum_safety_execution_mode", "mode").orElse("unknown")))
                + row("Governor", flag(view.gauge("quantum_safety_governor_enabled"), "enabled", "disabled"))
                + "</table>\n</body>\n</html>\n";
        HealthHandlers.respond(exchange, 200, "text/html; charset=utf-8", page);
    }

    private static String safeMode(Collection.View view) {
        OptionalDouble on = view.gauge("quantum_safety_safe_mode");
        if (on.isEmpty()) {
            return "unknown";
        }
        if (on.getAsDouble() != 1) {
            return "OFF";
        }
        OptionalDouble ttl = view.gauge("quantum_safety_safe_mode_ttl_seconds");
        return ttl.isPresent() && ttl.getAsDouble() >= 0
                ? "ON, " + (long) ttl.getAsDouble() + " s of cooldown left"
                : "ON, latched: stays on until cleared";
    }

    private static String flag(OptionalDouble value, String on, String off) {
        return value.isEmpty() ? "unknown" : value.getAsDouble() == 1 ? on : off;
    }

    private static String row(String name, String value) {
        return "<tr><th style=\"text-align:left\">" + name + "</th><td>" + value + "</td></tr>\n";
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
