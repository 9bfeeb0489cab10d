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
    void skipsTheDurationOfAnOffset() {
        assertThat(MetricVocabulary.metricNames("count by (version) (quantum_safety_kernel_info) unless "
                + "count by (version) (quantum_safety_kernel_info offset 2m) or up offset 1h30m"))
                .containsExactly("quantum_safety_kernel_info", "up");
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

    /** The archive's counters (its _total families) may be rated; its gauges (lag, up, timestamps) may not. */
    @Test
    void theArchiveCountersAreCountersAndItsGaugesAreNot() {
        assertThat(MetricVocabulary.ARCHIVE.stream().filter(n -> n.endsWith("_total")))
                .hasSize(5).allSatisfy(n -> assertThat(MetricVocabulary.COUNTERS).contains(n));
        assertThat(MetricVocabulary.COUNTERS).doesNotContain("quantum_safety_archive_lag_seconds",
                "quantum_safety_archive_lag_events", "quantum_safety_archive_postgres_up",
                "quantum_safety_archive_last_archived_timestamp_seconds");
    }
}
