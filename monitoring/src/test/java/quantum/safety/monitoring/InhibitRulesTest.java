package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Dependent alerts are muted by the alert that explains them, from the same exporter only. */
class InhibitRulesTest {

    static final String A = "10.0.0.1:9105";
    static final String B = "10.0.0.2:9105";
    /** Two decision services, on the hosts of the two exporters. */
    static final String SERVICE_A = "10.0.0.1:9106";
    static final String SERVICE_B = "10.0.0.2:9106";

    /** The labels an alert of the rules file carries when it fires for one exporter instance. */
    static Map<String, String> alert(String name, String instance) {
        RuleFiles.Alert rule = RuleFiles.alert(name);
        Map<String, String> labels = new HashMap<>(rule.labels());
        labels.put("alertname", name);
        labels.put("job", "quantum_safety_telemetry");
        labels.put("environment", "production");
        labels.put("service", "safety-telemetry");
        if (instance != null) {
            labels.put("instance", instance);
        }
        return labels;
    }

    /** The labels an alert about one decision service carries: its own job and target labels. */
    static Map<String, String> serviceAlert(String name, String instance) {
        Map<String, String> labels = alert(name, instance);
        labels.put("job", "quantum_safety_kernel");
        labels.put("service", "safety-kernel");
        return labels;
    }

    @Test
    void exporterDownMutesRedisSafeModeAndEveryOtherAlertOfThatInstance() {
        Map<String, String> down = alert("QuantumTelemetryExporterDown", A);
        for (String dependent : new String[] {"QuantumRedisConnectionLost", "QuantumSafeModeActive",
                "QuantumSafeModeLatched", "QuantumKillSwitchEngaged", "QuantumSafetyExporterCollectorFailing",
                "QuantumSafetyFaultSpike"}) {
            assertThat(InhibitRules.inhibits(down, alert(dependent, A))).as(dependent + " on the same instance").isTrue();
            assertThat(InhibitRules.inhibits(down, alert(dependent, B))).as(dependent + " on another instance").isFalse();
        }
    }

    @Test
    void exporterDownMutesNeitherItselfNorAnotherExporterDownNorTheWatchdog() {
        Map<String, String> down = alert("QuantumTelemetryExporterDown", A);
        assertThat(InhibitRules.inhibits(down, down)).isFalse();
        assertThat(InhibitRules.inhibits(down, alert("QuantumTelemetryExporterDown", B))).isFalse();
        assertThat(InhibitRules.inhibits(down, alert("Watchdog", null))).isFalse();
    }

    @Test
    void redisLostMutesTheCollectorAlertsItCausesOnThatInstanceOnly() {
        Map<String, String> redis = alert("QuantumRedisConnectionLost", A);
        assertThat(InhibitRules.inhibits(redis, alert("QuantumSafetyExporterCollectorFailing", A))).isTrue();
        assertThat(InhibitRules.inhibits(redis, alert("QuantumSafetyExporterScrapeDeadlineExceeded", A))).isTrue();
        assertThat(InhibitRules.inhibits(redis, alert("QuantumSafetyExporterCollectorFailing", B))).isFalse();
        // SAFE MODE is real news even while the exporter cannot see Redis right now.
        assertThat(InhibitRules.inhibits(redis, alert("QuantumSafeModeActive", A))).isFalse();
        assertThat(InhibitRules.inhibits(redis, alert("QuantumSafetyKernelFailingOpen", A))).isFalse();
    }

    @Test
    void safeModeActiveMutesTheFastBurnItCausesButNotTheSlowBurn() {
        Map<String, String> safeMode = alert("QuantumSafeModeActive", A);
        assertThat(InhibitRules.inhibits(safeMode, alert("QuantumSafeModeSLOBudgetFastBurn", null))).isTrue();
        assertThat(InhibitRules.inhibits(safeMode, alert("QuantumSafeModeSLOBudgetSlowBurn", null))).isFalse();
    }

    /** ops install adds no environment label unless asked (--job.environment): equal: [job, environment] holds on "". */
    @Test
    void withoutAnEnvironmentLabelSafeModeStillMutesTheFastBurn() {
        Map<String, String> safeMode = alert("QuantumSafeModeActive", A);
        Map<String, String> fastBurn = alert("QuantumSafeModeSLOBudgetFastBurn", null);
        safeMode.remove("environment");
        fastBurn.remove("environment");
        assertThat(InhibitRules.inhibits(safeMode, fastBurn)).isTrue();
    }

    @Test
    void decisionServiceDownMutesItsReadinessLatencyAndRejectionAlertsOnThatInstanceOnly() {
        Map<String, String> down = serviceAlert("QuantumSafetyDecisionServiceDown", SERVICE_A);
        for (String dependent : new String[] {"QuantumSafetyDecisionServiceNotReady", "QuantumSafetyDecisionServiceSlow",
                "QuantumSafetyDecisionServiceOverloaded"}) {
            assertThat(InhibitRules.inhibits(down, serviceAlert(dependent, SERVICE_A))).as(dependent + " on A").isTrue();
            assertThat(InhibitRules.inhibits(down, serviceAlert(dependent, SERVICE_B))).as(dependent + " on B").isFalse();
        }
        assertThat(InhibitRules.inhibits(down, serviceAlert("QuantumSafetyDecisionServiceDown", SERVICE_B))).isFalse();
        // the service and the exporter are different jobs: one being down says nothing about the other's alerts
        assertThat(InhibitRules.inhibits(down, alert("QuantumSafeModeActive", SERVICE_A))).isFalse();
        assertThat(InhibitRules.inhibits(alert("QuantumTelemetryExporterDown", SERVICE_A),
                serviceAlert("QuantumSafetyDecisionServiceNotReady", SERVICE_A))).isFalse();
    }

    @Test
    void decisionServiceNotReadyMutesLatencyAndRejectionsButNotItsDownPage() {
        Map<String, String> notReady = serviceAlert("QuantumSafetyDecisionServiceNotReady", SERVICE_A);
        assertThat(InhibitRules.inhibits(notReady, serviceAlert("QuantumSafetyDecisionServiceSlow", SERVICE_A))).isTrue();
        assertThat(InhibitRules.inhibits(notReady, serviceAlert("QuantumSafetyDecisionServiceOverloaded", SERVICE_A)))
                .isTrue();
        assertThat(InhibitRules.inhibits(notReady, serviceAlert("QuantumSafetyDecisionServiceSlow", SERVICE_B))).isFalse();
        assertThat(InhibitRules.inhibits(notReady, serviceAlert("QuantumSafetyDecisionServiceDown", SERVICE_A))).isFalse();
        // Redis lost, as the exporter sees it, is news of its own: it mutes none of the service's pages
        assertThat(InhibitRules.inhibits(alert("QuantumRedisConnectionLost", A),
                serviceAlert("QuantumSafetyDecisionServiceNotReady", SERVICE_A))).isFalse();
    }

    /** Every page about the decision service reaches people unless its own Down or NotReady explains it. */
    @Test
    void onlyTheDecisionServicesOwnAlertsMuteItsPages() {
        for (RuleFiles.Alert source : RuleFiles.alerts()) {
            if (source.name().startsWith("QuantumSafetyDecisionService")) {
                continue;
            }
            for (String target : new String[] {"QuantumSafetyDecisionServiceDown", "QuantumSafetyDecisionServiceNotReady"}) {
                assertThat(InhibitRules.inhibits(serviceAlert(source.name(), SERVICE_A), serviceAlert(target, SERVICE_A)))
                        .as(source.name() + " muting " + target).isFalse();
                assertThat(InhibitRules.inhibits(alert(source.name(), SERVICE_A), serviceAlert(target, SERVICE_A)))
                        .as(source.name() + " muting " + target).isFalse();
            }
        }
    }

    @Test
    void nothingEverMutesTheWatchdogOrTheExporterDownPage() {
        for (RuleFiles.Alert source : RuleFiles.alerts()) {
            for (String instance : new String[] {A, null}) {
                Map<String, String> firing = alert(source.name(), instance);
                assertThat(InhibitRules.inhibits(firing, alert("Watchdog", null))).as(source.name()).isFalse();
                assertThat(InhibitRules.inhibits(firing, alert("QuantumTelemetryExporterDown", A)))
                        .as(source.name()).isFalse();
            }
        }
    }
}
