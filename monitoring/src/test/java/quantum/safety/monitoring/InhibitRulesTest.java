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
    /** Two audit archives, on the same hosts. */
    static final String ARCHIVE_A = "10.0.0.1:9107";
    static final String ARCHIVE_B = "10.0.0.2:9107";

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

    /** The labels an alert about one audit archive carries: its own job and target labels, and {@code extra}. */
    static Map<String, String> archiveAlert(String name, String instance, String... extra) {
        Map<String, String> labels = alert(name, instance);
        labels.put("job", "quantum_safety_archive");
        labels.put("service", "safety-archive");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            labels.put(extra[i], extra[i + 1]);
        }
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
    void archiveDownMutesItsLagPostgresAndErrorAlertsOnThatInstanceButNeverAGap() {
        Map<String, String> down = archiveAlert("QuantumSafetyArchiveDown", ARCHIVE_A);
        for (String dependent : new String[] {"QuantumSafetyArchiveLagging", "QuantumSafetyArchivePostgresDown",
                "QuantumSafetyArchiveErrors"}) {
            assertThat(InhibitRules.inhibits(down, archiveAlert(dependent, ARCHIVE_A))).as(dependent + " on A").isTrue();
            assertThat(InhibitRules.inhibits(down, archiveAlert(dependent, ARCHIVE_B))).as(dependent + " on B").isFalse();
        }
        // events lost are news whatever else is going on; invalid entries come from another writer
        assertThat(InhibitRules.inhibits(down, archiveAlert("QuantumSafetyArchiveGap", ARCHIVE_A, "stream", "audit")))
                .isFalse();
        assertThat(InhibitRules.inhibits(down, archiveAlert("QuantumSafetyArchiveInvalidEvents", ARCHIVE_A))).isFalse();
        // the archive and the exporter are different jobs on the same host
        assertThat(InhibitRules.inhibits(alert("QuantumTelemetryExporterDown", ARCHIVE_A),
                archiveAlert("QuantumSafetyArchiveLagging", ARCHIVE_A))).isFalse();
        assertThat(InhibitRules.inhibits(down, alert("QuantumSafeModeActive", ARCHIVE_A))).isFalse();
    }

    @Test
    void archivePostgresDownMutesItsLagAndPostgresErrorsButNotRedisErrorsOrAGap() {
        Map<String, String> postgres = archiveAlert("QuantumSafetyArchivePostgresDown", ARCHIVE_A);
        assertThat(InhibitRules.inhibits(postgres, archiveAlert("QuantumSafetyArchiveLagging", ARCHIVE_A, "stream",
                "audit"))).isTrue();
        assertThat(InhibitRules.inhibits(postgres, archiveAlert("QuantumSafetyArchiveErrors", ARCHIVE_A, "stage",
                "postgres"))).isTrue();
        assertThat(InhibitRules.inhibits(postgres, archiveAlert("QuantumSafetyArchiveErrors", ARCHIVE_A, "stage",
                "redis"))).as("Redis errors have another cause").isFalse();
        assertThat(InhibitRules.inhibits(postgres, archiveAlert("QuantumSafetyArchiveLagging", ARCHIVE_B, "stream",
                "audit"))).isFalse();
        assertThat(InhibitRules.inhibits(postgres, archiveAlert("QuantumSafetyArchiveGap", ARCHIVE_A, "stream",
                "fault"))).isFalse();
        assertThat(InhibitRules.inhibits(postgres, archiveAlert("QuantumSafetyArchiveDown", ARCHIVE_A))).isFalse();
    }

    /** A hole in the audit trail reaches people whatever else fires. */
    @Test
    void nothingEverMutesAnArchiveGap() {
        for (RuleFiles.Alert source : RuleFiles.alerts()) {
            Map<String, String> gap = archiveAlert("QuantumSafetyArchiveGap", ARCHIVE_A, "stream", "audit");
            assertThat(InhibitRules.inhibits(archiveAlert(source.name(), ARCHIVE_A), gap)).as(source.name()).isFalse();
            assertThat(InhibitRules.inhibits(alert(source.name(), ARCHIVE_A), gap)).as(source.name()).isFalse();
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
