package quantum.safety.exporter.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import quantum.safety.exporter.BuildIdentity;
import quantum.safety.exporter.redis.RedisSession;
import quantum.safety.exporter.redis.RedisUnavailableException;
import quantum.safety.exporter.status.RedisHealth;
import quantum.safety.exporter.status.SafetyStatus;
import quantum.safety.exporter.status.SafetyStatusReader;
import quantum.safety.exporter.status.StatusLimits;
import quantum.safety.kernel.RedisSchema;

/**
 * {@code /}: the live status page, the same {@link SafetyStatus} that {@code quantum-safety ctl status} prints, read
 * fresh on every request. It answers 200 whatever Redis does (down, slow, garbage): a person is looking at it during
 * an incident. Every other path is a 404.
 */
final class LandingPageHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LandingPageHandler.class);
    /** A person is waiting: do not wait for Redis longer than this. */
    private static final Duration BUDGET = Duration.ofSeconds(1);

    private final RedisSession session;
    private final RedisSchema schema;
    private final StatusLimits limits;
    private final BuildIdentity build;
    private final String redisAddress;

    LandingPageHandler(RedisSession session, RedisSchema schema, StatusLimits limits, BuildIdentity build,
                       String redisAddress) {
        this.session = session;
        this.schema = schema;
        this.limits = limits;
        this.build = build;
        this.redisAddress = redisAddress;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            HealthHandlers.respond(exchange, 404, "Not found. The status page is at /, metrics are at /metrics.\n");
            return;
        }
        String page;
        try {
            page = StatusPage.render(read(), build);
        } catch (RuntimeException e) {
            LOG.warn("status page failed: {}", e.toString());
            page = StatusPage.render(SafetyStatus.unreachable(Clock.systemUTC().instant(),
                    RedisHealth.down(redisAddress, "the status could not be read (see the exporter log)")), build);
        }
        HealthHandlers.respond(exchange, 200, "text/html; charset=utf-8", page);
    }

    private SafetyStatus read() {
        try {
            SafetyStatus status = new SafetyStatusReader(session.client(), schema, limits, redisAddress, BUDGET,
                    Clock.systemUTC()).read();
            if (status.reachable()) {
                session.succeeded();
            } else {
                session.failed(new RedisUnavailableException(status.redis().error().orElse("unreachable")));
            }
            return status;
        } catch (RedisUnavailableException e) {
            return SafetyStatus.unreachable(Clock.systemUTC().instant(), RedisHealth.down(redisAddress, e.getMessage()));
        }
    }

    static String html(String text) {
        return StatusPage.html(text);
    }
}
