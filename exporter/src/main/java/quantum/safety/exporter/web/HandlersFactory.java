package quantum.safety.exporter.web;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.scrape.ScrapeCoordinator;

/** Builds the exporter's {@link WebServer.Routes}. */
public final class HandlersFactory {

    private HandlersFactory() {
    }

    public static WebServer.Routes routes(PrometheusRegistry registry, ScrapeCoordinator coordinator, RedisSession session,
                                          BuildIdentity build, String redisAddress) {
        return new WebServer.Routes(registry, new LandingPageHandler(coordinator, build, redisAddress),
                HealthHandlers.ready(session::ping));
    }
}
