package quantum.safety.service.metrics;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import quantum.safety.kernel.FailureStats;
import quantum.safety.kernel.Reason;

/**
 * The decision service's own metrics: requests by handler and status code, decision latency by reason, rejections by
 * cause, in-flight requests against the queue, readiness, and the kernel's in-process failure counters (the decisions
 * taken without Redis, which reach the fleet-wide counters in Redis only with a later call).
 */
public final class ServiceMetrics {

    /** From 100 µs (a loopback decision) to the longest a decision may take with the deadline raised to its maximum. */
    private static final double[] DECISION_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
            0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final Counter requests;
    private final Histogram decisions;
    private final Counter rejected;

    /** Request handlers as the {@code handler} label names them. */
    public enum Handler { DECIDE, DECIDE_BATCH, SAFE_MODE, KILL_SWITCH, METRICS, HEALTHY, READY, OTHER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why a request was answered 503 without a decision. */
    public enum Rejection { QUEUE_FULL, DEADLINE, SHUTTING_DOWN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ServiceMetrics(PrometheusRegistry registry, IntSupplier inFlight, int queueCapacity,
                          BooleanSupplier ready, Supplier<FailureStats> failures, String version, String revision) {
        requests = Counter.builder().name("quantum_safety_service_requests")
                .help("HTTP requests answered, by handler and status code.")
                .labelNames("handler", "code").register(registry);
        decisions = Histogram.builder().name("quantum_safety_service_decision_duration_seconds")
                .help("Time from a decision request read to its answer ready, by the reason of the decision (a batch "
                        + "counts each of its decisions).")
                .labelNames("reason").classicOnly().classicUpperBounds(DECISION_BUCKETS).register(registry);
        for (Reason reason : Reason.values()) {
            decisions.initLabelValues(reason.name());
        }
        rejected = Counter.builder().name("quantum_safety_service_rejected")
                .help("Requests answered 503 without a decision: the queue was full (queue_full), the request waited "
                        + "longer than the decision timeout (deadline), or the service was stopping (shutting_down).")
                .labelNames("cause").register(registry);
        for (Rejection cause : Rejection.values()) {
            rejected.initLabelValues(cause.label());
        }
        GaugeWithCallback.builder().name("quantum_safety_service_in_flight")
                .help("Decision and operation requests accepted and not yet answered, waiting for a thread or being decided.")
                .callback(cb -> cb.call(inFlight.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("quantum_safety_service_queue_capacity")
                .help("Requests that may wait for a decision thread; beyond it requests are answered 503.")
                .callback(cb -> cb.call(queueCapacity)).register(registry);
        GaugeWithCallback.builder().name("quantum_safety_service_ready")
                .help("1 when Redis answers and holds the decision script (what /-/ready says), else 0.")
                .callback(cb -> cb.call(ready.getAsBoolean() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name("quantum_safety_service_kernel_failures")
                .help("This process's kernel: decisions taken without Redis (fail_open, fail_closed, of which "
                        + "fail_open_capped; last_known_block), decisions blocked by a configuration error "
                        + "(config_error), and trip events that could not be written (lost_event).")
                .labelNames("kind")
                .callback(cb -> {
                    FailureStats stats = failures.get();
                    cb.call(stats.failOpen(), "fail_open");
                    cb.call(stats.failClosed(), "fail_closed");
                    cb.call(stats.failOpenCapped(), "fail_open_capped");
                    cb.call(stats.lastKnownBlocks(), "last_known_block");
                    cb.call(stats.configErrors(), "config_error");
                    cb.call(stats.lostEvents(), "lost_event");
                }).register(registry);
        Info.builder().name("quantum_safety_service_build_info").help("The decision service's version and commit.")
                .labelNames("version", "revision").register(registry).setLabelValues(version, revision);
    }

    public void answered(Handler handler, int status) {
        requests.labelValues(handler.label(), Integer.toString(status)).inc();
    }

    public void decided(Reason reason, long nanos) {
        decisions.labelValues(reason.name()).observe(nanos / 1e9);
    }

    public void rejected(Rejection cause) {
        rejected.labelValues(cause.label()).inc();
    }
}
