package quantum.safety.exporter.web;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.scrape.ScrapeCoordinator;
import quantum.safety.state.RedisHealth;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.StatusLimits;

/**
 * {@code /}: the live status page, the same {@link SafetyStatus} that {@code quantum-safety ctl status} prints. It
 * asks the {@link ScrapeCoordinator} like a scrape does, so page loads and scrapes that arrive together share one
 * Redis collection. It answers 200 whatever Redis does (down, slow, garbage): a person is looking at it during an
 * incident. Every other path is a 404.
 */
final class LandingPageHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LandingPageHandler.class);
    /** A person is waiting: do not wait for Redis longer than this. */
    static final Duration BUDGET = Duration.ofSeconds(1);

    private final ScrapeCoordinator coordinator;
    private final StatusLimits limits;
    private final BuildIdentity build;
    private final String redisAddress;
    private final Duration budget;
    private final Optional<URI> archiveUrl;

    LandingPageHandler(ScrapeCoordinator coordinator, StatusLimits limits, BuildIdentity build, String redisAddress,
                       Duration budget, Optional<URI> archiveUrl) {
        this.archiveUrl = archiveUrl;
        this.coordinator = coordinator;
        this.limits = limits;
        this.build = build;
        this.redisAddress = redisAddress;
        this.budget = budget;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            HealthHandlers.respond(exchange, 404, "Not found. The status page is at /, metrics are at /metrics.\n");
            return;
        }
        String page;
        try {
            page = StatusPage.render(read(), build, archiveUrl);
        } catch (RuntimeException e) {
            LOG.warn("status page failed: {}", e.toString());
            page = StatusPage.render(down("the status could not be read (see the exporter log)"), build, archiveUrl);
        }
        HealthHandlers.respond(exchange, 200, "text/html; charset=utf-8", page);
    }

    private SafetyStatus read() {
        ScrapeCoordinator.Result result = coordinator.scrape(budget);
        return result.view().status().orElseGet(() -> down(result.view().complete()
                ? "the collection failed (see the exporter log)"
                : "no complete answer within " + budget.toMillis() + " ms"));
    }

    private SafetyStatus down(String why) {
        return SafetyStatus.unreachable(Clock.systemUTC().instant(), RedisHealth.down(redisAddress, why), limits);
    }
}
