package quantum.safety.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.bundle.ClasspathBundleSource;

/** Recorded series the history lacks become their rule's expression, as a subquery under a range selector. */
class RecordingInlinerTest {

    private final Map<String, RecordingRule> bundle = BacktestRules.fromBundle(ClasspathBundleSource.packaged())
            .recordings();

    @Test
    void aPlainUseBecomesTheRulesExpressionInParentheses() {
        RecordingInliner.Result result = RecordingInliner.inline(
                "instance:quantum_safety_service_decision_duration_seconds:p99_rate5m > 0.05", bundle, s -> false);

        assertThat(result.expression()).isEqualTo("(histogram_quantile(0.99, sum without (reason) "
                + "(rate(quantum_safety_service_decision_duration_seconds_bucket[5m])))) > 0.05");
        assertThat(result.inlined()).containsExactly(
                "instance:quantum_safety_service_decision_duration_seconds:p99_rate5m");
        assertThat(Threshold.single(result.expression()).orElseThrow().text()).isEqualTo("0.05");
    }

    @Test
    void aRangeSelectorBecomesASubqueryAtTheRecordingGroupsInterval() {
        RecordingInliner.Result result = RecordingInliner.inline(
                "avg_over_time(job:quantum_safety_slo_safe_mode:bad_window5m[1h]) > 0.1", bundle, s -> false);

        assertThat(result.expression()).isEqualTo("avg_over_time((max without (instance) "
                + "(max_over_time(quantum_safety_safe_mode[5m])))[1h:30s]) > 0.1");
    }

    @Test
    void recordedSeriesReadingRecordedSeriesAreInlinedInTurn() {
        String burn = BacktestRules.fromBundle(ClasspathBundleSource.packaged()).alerts().stream()
                .filter(a -> a.name().equals("QuantumSafeModeSLOBudgetFastBurn")).findFirst().orElseThrow()
                .expression();

        RecordingInliner.Result result = RecordingInliner.inline(burn, bundle, s -> false);

        assertThat(result.inlined()).containsExactlyInAnyOrder("job:quantum_safety_slo_safe_mode:error_ratio1h",
                "job:quantum_safety_slo_safe_mode:error_ratio5m", "job:quantum_safety_slo_safe_mode:error_ratio6h",
                "job:quantum_safety_slo_safe_mode:error_ratio30m", "job:quantum_safety_slo_safe_mode:bad_window5m");
        assertThat(RecordingInliner.selectors(result.expression())).containsExactly("quantum_safety_safe_mode");
        assertThat(result.expression()).contains("avg_over_time((max without (instance) "
                + "(max_over_time(quantum_safety_safe_mode[5m])))[1h:30s])");
        assertThat(Threshold.find(result.expression())).hasSize(4);
    }

    @Test
    void recordedSeriesWithDataStayAsTheyAre() {
        Set<String> withData = Set.of("job:quantum_safety_slo_safe_mode:error_ratio1h",
                "job:quantum_safety_slo_safe_mode:bad_window5m");
        RecordingInliner.Result result = RecordingInliner.inline("job:quantum_safety_slo_safe_mode:error_ratio1h > 1"
                + " and job:quantum_safety_slo_safe_mode:error_ratio5m > 1", bundle, withData::contains);

        assertThat(result.expression()).isEqualTo("job:quantum_safety_slo_safe_mode:error_ratio1h > 1 and "
                + "(avg_over_time(job:quantum_safety_slo_safe_mode:bad_window5m[5m])) > 1");
        assertThat(result.inlined()).containsExactly("job:quantum_safety_slo_safe_mode:error_ratio5m");
    }

    @Test
    void aRecordedSeriesWithLabelMatchersIsKeptAndSaysWhy() {
        RecordingInliner.Result result = RecordingInliner.inline(
                "job_reason:quantum_safety_decisions:rate5m{reason=\"OK\"} > 1", bundle, s -> false);

        assertThat(result.expression()).isEqualTo("job_reason:quantum_safety_decisions:rate5m{reason=\"OK\"} > 1");
        assertThat(result.inlined()).isEmpty();
        assertThat(result.kept()).singleElement().asString().contains("label matchers");
    }

    @Test
    void rawSeriesAreNeverTouched() {
        assertThat(RecordingInliner.inline("increase(quantum_safety_faults_total[5m]) > 5", bundle, s -> false)
                .expression()).isEqualTo("increase(quantum_safety_faults_total[5m]) > 5");
    }
}
