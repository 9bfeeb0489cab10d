package quantum.safety.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.bundle.ClasspathBundleSource;

/** Which number {@code --set} replaces, for every alert of the bundle, and which alerts it refuses. */
class ThresholdTest {

    /** Every bundle alert → its one threshold as "op constant", or the number of top-level thresholds it has. */
    private static final Map<String, Object> BUNDLE = new LinkedHashMap<>();

    static {
        BUNDLE.put("QuantumSafeModeActive", "== 1");
        BUNDLE.put("QuantumTelemetryExporterDown", "== 0");
        BUNDLE.put("QuantumRedisConnectionLost", "== 0");
        BUNDLE.put("QuantumSafetyFaultSpike", "> 5");
        BUNDLE.put("QuantumSafeModeLatched", "== 1");
        BUNDLE.put("QuantumSafeModeFlapping", ">= 4");
        BUNDLE.put("QuantumSafetyFlagUnreadable", "== 1");
        BUNDLE.put("QuantumKillSwitchEngaged", "== 1");
        BUNDLE.put("QuantumSafetyKernelFailingOpen", "> 0");
        BUNDLE.put("QuantumSafetyKernelFailingClosed", "> 0");
        BUNDLE.put("QuantumSafetyKernelLostEvents", "> 0");
        BUNDLE.put("QuantumSafetyKernelConfigError", "> 0");
        BUNDLE.put("QuantumSafetyKernelConfigDrift", 5);
        BUNDLE.put("QuantumSafetyFaultCounterStalled", 2);
        BUNDLE.put("QuantumSafetyExporterCollectorFailing", "== 0");
        BUNDLE.put("QuantumSafetyExporterScrapeDeadlineExceeded", "> 0");
        BUNDLE.put("QuantumSafetySymbolScanTruncated", "== 1");
        BUNDLE.put("QuantumSafetyInvalidLabelValues", "> 0");
        BUNDLE.put("QuantumSafetyExporterVersionMismatch", "> 1");
        BUNDLE.put("QuantumSafetyExporterMemoryHigh", "> 84 * 1024 * 1024");
        BUNDLE.put("QuantumSafetyDecisionServiceDown", "== 0");
        BUNDLE.put("QuantumSafetyDecisionServiceNotReady", "== 0");
        BUNDLE.put("QuantumSafetyDecisionServiceSlow", "> 0.05");
        BUNDLE.put("QuantumSafetyDecisionServiceOverloaded", "> 0");
        BUNDLE.put("QuantumSafetyDecisionServiceMemoryHigh", "> 112 * 1024 * 1024");
        BUNDLE.put("QuantumSafeModeSLOBudgetFastBurn", 4);
        BUNDLE.put("QuantumSafeModeSLOBudgetSlowBurn", 4);
        BUNDLE.put("Watchdog", 0);
        BUNDLE.put("QuantumSafetyArchiveDown", 2);
        BUNDLE.put("QuantumSafetyArchiveLagging", "> 300");
        BUNDLE.put("QuantumSafetyArchiveGap", 3);
        BUNDLE.put("QuantumSafetyArchivePostgresDown", "== 0");
        BUNDLE.put("QuantumSafetyArchiveErrors", "> 0");
        BUNDLE.put("QuantumSafetyArchiveInvalidEvents", "> 0");
        BUNDLE.put("QuantumSafetyRemoteWriteFailing", "> 0");
        BUNDLE.put("QuantumSafetyRemoteWriteBehind", "> 120");
    }

    @Test
    void everyBundleAlertEitherRewritesExactlyItsThresholdOrIsRefused() {
        BacktestRules rules = BacktestRules.fromBundle(ClasspathBundleSource.packaged());
        Map<String, Object> seen = new HashMap<>();
        for (AlertRule alert : rules.alerts()) {
            String expr = alert.expression();
            Object expected = BUNDLE.get(alert.name());
            if (expected instanceof String threshold) {
                Threshold found = Threshold.single(expr).orElseThrow();
                assertThat(found.comparison() + " " + found.text()).as(alert.name()).isEqualTo(threshold);
                String rewritten = Threshold.rewrite(expr, "7");
                assertThat(rewritten).as(alert.name())
                        .isEqualTo(expr.substring(0, found.start()) + "7" + expr.substring(found.end()));
                assertThat(Threshold.single(rewritten).orElseThrow().text()).isEqualTo("7");
                seen.put(alert.name(), threshold);
            } else {
                int count = (Integer) expected;
                assertThat(Threshold.find(expr)).as(alert.name()).hasSize(count);
                assertThatThrownBy(() -> Threshold.rewrite(expr, "7")).as(alert.name())
                        .hasMessageContaining(count == 0 ? "compares nothing" : count + " top-level thresholds");
                seen.put(alert.name(), count);
            }
        }
        assertThat(seen).as("a new bundle alert needs its line above").isEqualTo(BUNDLE);
    }

    @Test
    void theFaultSpikeThresholdIsReplacedInPlace() {
        assertThat(Threshold.rewrite("increase(quantum_safety_faults_total[5m]) > 5", "3"))
                .isEqualTo("increase(quantum_safety_faults_total[5m]) > 3");
    }

    @Test
    void aConstantOnTheLeftCountsAndItsValueSideIsTheRight() {
        Threshold t = Threshold.single("5 < rate(x[5m])").orElseThrow();
        assertThat(t.text()).isEqualTo("5");
        assertThat(t.valueSide()).isEqualTo("rate(x[5m])");
    }

    @Test
    void numbersInsideFunctionsAggregationsAndMatchersAreNoThresholds() {
        assertThat(Threshold.find("clamp_max(x{le=\"5\"}, 5) > bool 3")).singleElement()
                .extracting(Threshold::text).isEqualTo("3");
        assertThat(Threshold.find("topk(5, sum by (job) (x) > 2)")).isEmpty();
        assertThat(Threshold.find("sum(x) by (job) > 1 unless on (job) y > 2")).hasSize(2);
        assertThat(Threshold.find("x offset 5m >= -1")).singleElement().extracting(Threshold::text).isEqualTo("-1");
        assertThat(Threshold.find("rate(x{a=~\"}|{\"}[5m] @ end()) > 1e3")).singleElement()
                .extracting(Threshold::text).isEqualTo("1e3");
    }

    @Test
    void anExpressionThatDoesNotParseSaysWhere() {
        assertThatThrownBy(() -> Threshold.find("rate(x[5m]) >")).isInstanceOf(PromqlException.class)
                .hasMessageContaining("end of expression");
        assertThatThrownBy(() -> Threshold.find("sum(x")).isInstanceOf(PromqlException.class)
                .hasMessageContaining("expected )");
        assertThatThrownBy(() -> Threshold.find("x{job=\"a\"")).isInstanceOf(PromqlException.class)
                .hasMessageContaining("never closed");
    }
}
