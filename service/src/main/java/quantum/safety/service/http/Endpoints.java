package quantum.safety.service.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.FailureWords;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.Text;
import quantum.safety.kernel.log.RateLimitedLog;
import quantum.safety.service.api.BadRequest;
import quantum.safety.service.api.DecisionJson;
import quantum.safety.service.api.IntentReader;
import quantum.safety.service.api.OperationRequests;
import quantum.safety.service.metrics.MetricsEndpoint;
import quantum.safety.service.metrics.ServiceMetrics;

/**
 * What each path answers, independent of the HTTP server. Runs on a worker thread: decisions and operations on the
 * bounded decision threads, probes and scrapes on the admin threads.
 */
public final class Endpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private static final RateLimitedLog OPERATION_FAILURES = new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));

    private final SafetyKernel kernel;
    private final IntentReader intents;
    private final OperationRequests operations;
    private final Authentication authentication;
    private final Readiness readiness;
    private final MetricsEndpoint metrics;
    private final ServiceMetrics serviceMetrics;

    public Endpoints(SafetyKernel kernel, IntentReader intents, Authentication authentication, Readiness readiness,
                     MetricsEndpoint metrics, ServiceMetrics serviceMetrics) {
        this.kernel = kernel;
        this.intents = intents;
        this.operations = new OperationRequests(kernel.operations());
        this.authentication = authentication;
        this.readiness = readiness;
        this.metrics = metrics;
        this.serviceMetrics = serviceMetrics;
    }

    public Answer handle(Route route, Call call) {
        Authentication.Caller caller = authentication.check(call);
        if (!caller.allowed()) {
            return Answer.error(401, "authentication required: give the user and password of basic_auth_users")
                    .withHeader("WWW-Authenticate", "Basic realm=\"quantum-safety\", charset=\"UTF-8\"");
        }
        if (route == Route.UNKNOWN) {
            return Answer.error(404, "no such path: " + Text.quote(call.path())
                    + "; see / for the endpoints");
        }
        if (!route.accepts(call.method())) {
            return Answer.error(405, call.path() + " takes " + route.method())
                    .withHeader("Allow", route.method().equals("GET") ? "GET, HEAD" : route.method());
        }
        try {
            return switch (route) {
                case DECIDE -> decide(call);
                case DECIDE_BATCH -> decideBatch(call);
                case SAFE_MODE, KILL_SWITCH -> operate(route, call, caller);
                case METRICS -> {
                    MetricsEndpoint.Exposition exposition = metrics.scrape(call.accept());
                    yield new Answer(200, exposition.contentType(), exposition.body(), Map.of(), false);
                }
                case HEALTHY -> Answer.text(200, "OK\n");
                case READY -> readiness.notReadyBecause().map(why -> Answer.text(503, "not ready: " + why + "\n"))
                        .orElseGet(() -> Answer.text(200, "OK\n"));
                case LANDING -> Answer.text(200, LANDING);
                case UNKNOWN -> throw new IllegalStateException("handled above");
            };
        } catch (BadRequest e) {
            return Answer.error(400, e.getMessage());
        }
    }

    private Answer decide(Call call) {
        Intent intent = intents.single(call.body());
        Decision decision = kernel.decide(intent);
        serviceMetrics.decided(decision.reason(), System.nanoTime() - call.receivedNanos());
        return Answer.json(200, DecisionJson.bytes(decision));
    }

    private Answer decideBatch(Call call) {
        List<Intent> batch = intents.batch(call.body());
        List<Decision> decisions = new ArrayList<>(batch.size());
        for (Intent intent : batch) {
            Decision decision = kernel.decide(intent);
            serviceMetrics.decided(decision.reason(), System.nanoTime() - call.receivedNanos());
            decisions.add(decision);
        }
        return Answer.json(200, DecisionJson.batch(decisions));
    }

    private Answer operate(Route route, Call call, Authentication.Caller caller) {
        Optional<String> actor = caller.name();
        if (!authentication.identifiesCallers() || actor.isEmpty()) {
            return Answer.error(403, "audited operations need an identified caller: set basic_auth_users, or "
                    + "client_auth_type: RequireAndVerifyClientCert with a client_ca_file, in --web.config.file");
        }
        try {
            byte[] answer = route == Route.SAFE_MODE ? operations.safeMode(call.body(), actor.get())
                    : operations.killSwitch(call.body(), actor.get());
            LOG.info("{} by {}: {}", route.path(), actor.get(), new String(answer, StandardCharsets.UTF_8));
            return Answer.json(200, answer);
        } catch (BadRequest e) {
            throw e;
        } catch (RuntimeException e) {
            OPERATION_FAILURES.warn("operation", route.path() + " by " + actor.get() + " was not applied: "
                    + FailureWords.of(e));
            return Answer.unavailable("the change was not applied: " + FailureWords.of(e));
        }
    }

    private static final String LANDING = """
            Quantum Safety decision service
              POST /v1/decide          {"symbol":"BTCUSDT","side":"BUY","reduce_only":false,"correlation_id":"","trace_id":""}
              POST /v1/decide/batch    {"intents":[{...},{...}]}
              POST /v1/safe-mode       {"engaged":true,"ttl_seconds":600,"reason":"..."}   (authenticated)
              POST /v1/kill-switch     {"engaged":true,"reason":"..."}                      (authenticated)
              GET  /metrics  /-/healthy  /-/ready
            """;
}
