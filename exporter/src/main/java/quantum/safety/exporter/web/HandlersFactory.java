package quantum.safety.exporter.web;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.scrape.ScrapeCoordinator;
import quantum.safety.state.StatusLimits;
import quantum.safety.web.http.WebServer;

/** Builds the exporter's {@link WebServer.Routes}. */
public final class HandlersFactory {

    /** How long the status page waits for Redis: a person is waiting. */
    public static final Duration PAGE_BUDGET = LandingPageHandler.BUDGET;

    private HandlersFactory() {
    }

    /** The routes, with a status page that waits for Redis at most {@code 1 s}. */
    public static WebServer.Routes routes(PrometheusRegistry registry, ScrapeCoordinator coordinator,
                                          RedisSession session, StatusLimits limits, BuildIdentity build,
                                          String redisAddress) {
        return routes(registry, coordinator, session, limits, build, redisAddress, LandingPageHandler.BUDGET);
    }

    /** @param pageBudget how long the status page waits for the collection */
    public static WebServer.Routes routes(PrometheusRegistry registry, ScrapeCoordinator coordinator,
                                          RedisSession session, StatusLimits limits, BuildIdentity build,
                                          String redisAddress, Duration pageBudget) {
        return routes(registry, coordinator, session, limits, build, redisAddress, pageBudget, Optional.empty());
    }

    /** @param archiveUrl the audit archive's external base URL, linked from the status page; empty when not configured */
    public static WebServer.Routes routes(PrometheusRegistry registry, ScrapeCoordinator coordinator,
                                          RedisSession session, StatusLimits limits, BuildIdentity build,
                                          String redisAddress, Duration pageBudget, Optional<URI> archiveUrl) {
        return new WebServer.Routes(registry,
                new LandingPageHandler(coordinator, limits, build, redisAddress, pageBudget, archiveUrl),
                HealthHandlers.ready(session::ping));
    }
}
