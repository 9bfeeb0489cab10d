package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name extraction the rule and dashboard tests rely on must find names, and only names. */
class MetricVocabularyTest {

    @Test
    void findsMetricNamesAndSkipsFunctionsLabelsRangesNumbersAndVariables() {
        String expr = "sum without (reason) (increase(quantum_safety_decisions_total{reason=~\"A|B\", "
                + "instance=~\"$instance\"}[10m])) > 0 and on (job, instance) "
                + "increase(quantum_safety_faults_total[10m]) == 0 or job:x:rate5m * 56e6 / 0.01";
        assertThat(MetricVocabulary.metricNames(expr))
                .containsExactly("quantum_safety_decisions_total", "quantum_safety_faults_total", "job:x:rate5m");
    }

    @Test
    void findsWhatRateAndIncreaseAreAppliedTo() {
        assertThat(MetricVocabulary.ratedMetrics("increase(quantum_safety_faults_last_1h[5m]) > 5 "
                + "or rate( quantum_trade_intents_total[1m])"))
                .containsExactly("quantum_safety_faults_last_1h", "quantum_trade_intents_total");
    }

    /** Every counter series of the decision service may be rated: its _total counters and its histogram's series. */
    @Test
    void theDecisionServiceCountersAndHistogramSeriesAreCounters() {
        assertThat(MetricVocabulary.SERVICE.stream().filter(n -> n.matches(".*_(total|bucket|count|sum)")))
                .hasSize(6).allSatisfy(n -> assertThat(MetricVocabulary.COUNTERS).contains(n));
        assertThat(MetricVocabulary.COUNTERS).doesNotContain("quantum_safety_service_ready",
                "quantum_safety_service_in_flight", "quantum_safety_service_queue_capacity");
    }
}
