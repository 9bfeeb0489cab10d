package quantum.safety.bench;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * The time decisions spent inside the service as the service itself measures it
 * ({@code quantum_safety_service_decision_duration_seconds}: from the request read off the connection to the decision
 * taken, so the handoff to a decision thread, the JSON parse and the kernel's call), as a mean between two readings.
 * Next to the mean a caller saw, it splits a decision's time into inside and outside the service.
 */
final class ServiceSideTime {

    private static final String HISTOGRAM = "quantum_safety_service_decision_duration_seconds";

    /** Seconds and decisions counted by the histogram so far, over every reason. */
    record Reading(double seconds, long decisions) {

        /** The mean in µs of the decisions taken between {@code before} and this reading. */
        double meanMicrosSince(Reading before) {
            long n = decisions - before.decisions;
            return n == 0 ? Double.NaN : (seconds - before.seconds) / n * 1e6;
        }
    }

    private ServiceSideTime() {
    }

    static Reading read(PrometheusRegistry registry) {
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (snapshot instanceof HistogramSnapshot histogram
                    && histogram.getMetadata().getPrometheusName().equals(HISTOGRAM)) {
                double seconds = 0;
                long decisions = 0;
                for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
                    seconds += point.getSum();
                    decisions += point.getCount();
                }
                return new Reading(seconds, decisions);
            }
        }
        throw new IllegalStateException("the service has no " + HISTOGRAM + " histogram");
    }
}
