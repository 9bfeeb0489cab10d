package quantum.safety.exporter.web;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.status.StatusLimits;
import quantum.safety.kernel.RedisSchema;

/** Builds the exporter's {@link WebServer.Routes}. */
public final class HandlersFactory {

    private HandlersFactory() {
    }

    public static WebServer.Routes routes(PrometheusRegistry registry, RedisSession session, RedisSchema schema,
                                          StatusLimits limits, BuildIdentity build, String redisAddress) {
        return new WebServer.Routes(registry, new LandingPageHandler(session, schema, limits, build, redisAddress),
                HealthHandlers.ready(session::ping));
    }
}
