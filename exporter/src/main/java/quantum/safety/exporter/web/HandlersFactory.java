package quantum.safety.exporter.web;

import java.time.Duration;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.scrape.ScrapeCoordinator;
import quantum.safety.state.StatusLimits;
import quantum.safety.web.http.WebServer;

/** Builds the exporter's {@link WebServer.Routes}. */
public final class HandlersFactory {

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
        return new WebServer.Routes(registry,
                new LandingPageHandler(coordinator, limits, build, redisAddress, pageBudget),
                HealthHandlers.ready(session::ping));
    }
}
