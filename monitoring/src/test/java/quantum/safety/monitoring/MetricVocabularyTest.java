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
}
