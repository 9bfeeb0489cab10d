package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The alert rules keep the legacy contract and the bundle's conventions; promtool checks and tests them too. */
class AlertRulesTest {

    /** The repository's runbooks, one section per alert; the test runs in monitoring/. */
    static final Path RUNBOOKS = Path.of("..", "docs", "runbooks.md");

    @Test
    void theLegacyGroupAndFileNamesAreKept() {
        assertThat(Bundle.ALERT_RULES).endsWith("/quantum_safety_alerts.yml");
        // The legacy group comes first; later groups (e.g. quantum_safety_remote_write) sit beside it, never in it.
        assertThat(RuleFiles.groups(Bundle.ALERT_RULES))
                .first()
                .satisfies(g -> {
                    assertThat(g.name()).isEqualTo("quantum_safety");
                    assertThat(g.interval()).isEqualTo("30s");
                });
    }

    @Test
    void theFourLegacyAlertsKeepNameSeverityComponentAndFor() {
        assertLegacy("QuantumSafeModeActive", "quantum_safety_safe_mode == 1", "1m", "critical", "safety-kernel");
        assertLegacy("QuantumTelemetryExporterDown", "up{job=\"quantum_safety_telemetry\"} == 0", "2m", "critical",
                "telemetry");
        assertLegacy("QuantumRedisConnectionLost", "quantum_safety_redis_up == 0", "1m", "critical", "redis");
        assertLegacy("QuantumSafetyFaultSpike", null, "3m", "warning", "safety-kernel");
    }

    /** Legacy bug (contract §4): increase() of the gauge quantum_safety_faults_last_1h. */
    @Test
    void theFaultSpikeCountsTheFaultCounterNotTheLastHourGauge() {
        String expr = RuleFiles.alert("QuantumSafetyFaultSpike").expr();
        assertThat(MetricVocabulary.ratedMetrics(expr)).containsExactly("quantum_safety_faults_total");
        assertThat(expr).doesNotContain("quantum_safety_faults_last_1h");
    }

    @Test
    void rateAndIncreaseAreOnlyAppliedToCounters() {
        Stream<String> exprs = Stream.concat(RuleFiles.alerts().stream().map(RuleFiles.Alert::expr),
                RuleFiles.recordings().stream().map(RuleFiles.Recording::expr));
        Set<String> rated = exprs.flatMap(e -> MetricVocabulary.ratedMetrics(e).stream()).collect(Collectors.toSet());
        assertThat(rated).isNotEmpty().isSubsetOf(MetricVocabulary.COUNTERS);
    }

    @Test
    void everyMetricARuleQueriesIsExportedOrRecorded() {
        Set<String> allowed = MetricVocabulary.allowed();
        RuleFiles.alerts().forEach(a -> assertThat(MetricVocabulary.metricNames(a.expr()))
                .as("metrics of alert %s", a.name()).isSubsetOf(allowed));
        RuleFiles.recordings().forEach(r -> assertThat(MetricVocabulary.metricNames(r.expr()))
                .as("metrics of recording rule %s", r.name()).isNotEmpty().isSubsetOf(allowed));
    }

    @Test
    void theAlertsTheSystemNeedsAreThere() {
        assertThat(RuleFiles.alerts()).extracting(RuleFiles.Alert::name).doesNotHaveDuplicates().contains(
                "QuantumSafeModeLatched", "QuantumSafeModeFlapping", "QuantumKillSwitchEngaged",
                "QuantumSafetyKernelFailingOpen", "QuantumSafetyExporterCollectorFailing",
                "QuantumSafetyExporterScrapeDeadlineExceeded", "QuantumSafetySymbolScanTruncated",
                "QuantumSafetyInvalidLabelValues",
                "QuantumSafetyFaultCounterStalled", "QuantumSafetyExporterVersionMismatch",
                "QuantumSafeModeSLOBudgetFastBurn", "QuantumSafeModeSLOBudgetSlowBurn", "QuantumSafetyKernelLostEvents",
                "QuantumSafetyKernelConfigError", "QuantumSafetyFlagUnreadable", "QuantumSafetyDecisionServiceDown",
                "QuantumSafetyDecisionServiceNotReady", "QuantumSafetyDecisionServiceSlow",
                "QuantumSafetyDecisionServiceOverloaded", "QuantumSafetyDecisionServiceMemoryHigh", "Watchdog");
        assertThat(RuleFiles.alert("Watchdog").expr()).isEqualTo("vector(1)");
        assertThat(RuleFiles.alert("QuantumSafetyKernelFailingOpen").expr())
                .contains("quantum_safety_decisions_total{reason=\"FAIL_OPEN_ERROR\"}");
        assertThat(RuleFiles.alert("QuantumSafetyKernelConfigError").expr())
                .contains("quantum_safety_decisions_total{reason=\"CONFIG_ERROR\"}");
    }

    /**
     * Routers fail closed without the decision service's answer: it being down or not ready pages, within a minute.
     * A host without the service has no such job ({@code ops install --job.decision-service=false}), so no page.
     */
    @Test
    void theDecisionServiceDownAndNotReadyPageWithinAMinute() {
        assertLegacy("QuantumSafetyDecisionServiceDown", "up{job=\"quantum_safety_kernel\"} == 0", "1m", "critical",
                "decision-service");
        assertLegacy("QuantumSafetyDecisionServiceNotReady", "quantum_safety_service_ready == 0", "1m", "critical",
                "decision-service");
    }

    @Test
    void theDecisionServiceLatencyAndRejectionsRaiseTickets() {
        assertLegacy("QuantumSafetyDecisionServiceSlow",
                "instance:quantum_safety_service_decision_duration_seconds:p99_rate5m > 0.05", "5m", "warning",
                "decision-service");
        assertThat(RuleFiles.recordings()).filteredOn(r -> r.name()
                        .equals("instance:quantum_safety_service_decision_duration_seconds:p99_rate5m"))
                .singleElement().satisfies(r -> assertThat(r.expr()).startsWith("histogram_quantile(0.99, ")
                        .contains("rate(quantum_safety_service_decision_duration_seconds_bucket[5m])"));
        assertLegacy("QuantumSafetyDecisionServiceOverloaded", null, "0m", "warning", "decision-service");
        String overloaded = RuleFiles.alert("QuantumSafetyDecisionServiceOverloaded").expr();
        assertThat(MetricVocabulary.ratedMetrics(overloaded)).containsExactly("quantum_safety_service_rejected_total");
        // a restart draining its requests is not an overload
        assertThat(overloaded).contains("cause!=\"shutting_down\"");
    }

    /** The service's own process (job quantum_safety_kernel), not the exporter's next to it on the same host. */
    @Test
    void theDecisionServiceMemoryRaisesATicket() {
        assertLegacy("QuantumSafetyDecisionServiceMemoryHigh",
                "process_resident_memory_bytes{job=\"quantum_safety_kernel\"} > 112 * 1024 * 1024", "10m", "warning",
                "decision-service");
    }

    /** Only rate-limit trips append faults: SAFE MODE and kill-switch rejections must not count as stalled. */
    @Test
    void theStalledFaultCounterOnlyWeighsRejectionsThatTrip() {
        String expr = RuleFiles.alert("QuantumSafetyFaultCounterStalled").expr();
        assertThat(expr).contains("GLOBAL_RATE_EXCEEDED|SYMBOL_RATE_EXCEEDED")
                .doesNotContain("SAFE_MODE_ENABLED").doesNotContain("KILL_SWITCH_ENGAGED");
    }

    @Test
    void everyAlertHasSeverityComponentAndAnnotationsWithInstanceValueAndRunbook() {
        for (RuleFiles.Alert alert : RuleFiles.alerts()) {
            assertThat(alert.labels()).as(alert.name()).containsKeys("severity", "component");
            assertThat(alert.labels().get("severity")).as(alert.name()).isIn("critical", "warning", "none");
            assertThat(alert.annotations()).as(alert.name()).containsKeys("summary", "description", "runbook_url");
            assertThat(alert.annotations().get("description")).as(alert.name())
                    .contains("$labels.instance").contains("$value");
            assertThat(alert.annotations().get("runbook_url")).as(alert.name())
                    .isEqualTo(Bundle.RUNBOOK_BASE_URL + "#" + alert.name().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void everyRunbookLinkLandsOnASectionOfDocsRunbooks() throws IOException {
        Set<String> anchors = githubAnchors(Files.readString(RUNBOOKS));
        for (RuleFiles.Alert alert : RuleFiles.alerts()) {
            String url = alert.annotations().get("runbook_url");
            assertThat(anchors).as("section of %s for %s", RUNBOOKS, alert.name())
                    .contains(url.substring(url.indexOf('#') + 1));
        }
    }

    @Test
    void recordingRulesAreNamedLevelMetricOperations() {
        Pattern style = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");
        assertThat(RuleFiles.recordings()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.name()).matches(style));
        assertThat(RuleFiles.recordings()).extracting(RuleFiles.Recording::name).doesNotHaveDuplicates().contains(
                "job:quantum_safety_decisions_blocked:ratio_rate5m", "job:quantum_safety_faults:increase1h",
                "job:quantum_safety_safe_mode:avg_over_time1h", "job_symbol:quantum_safety_faults:rate1h",
                "job_reason:quantum_safety_decisions:rate5m",
                "job:quantum_safety_slo_safe_mode:error_budget_remaining30d",
                "instance:quantum_safety_service_decision_duration_seconds:p99_rate5m",
                "instance:quantum_safety_service_decision_duration_seconds:p50_rate5m");
    }

    private static void assertLegacy(String name, String expr, String forDuration, String severity, String component) {
        RuleFiles.Alert alert = RuleFiles.alert(name);
        if (expr != null) {
            assertThat(alert.expr()).as(name).isEqualTo(expr);
        }
        assertThat(alert.forDuration()).as(name).isEqualTo(forDuration);
        assertThat(alert.labels()).as(name).containsEntry("severity", severity).containsEntry("component", component);
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to '-'. */
    static Set<String> githubAnchors(String markdown) {
        Matcher m = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$").matcher(markdown);
        List<String> anchors = new java.util.ArrayList<>();
        while (m.find()) {
            anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return Set.copyOf(anchors);
    }
}
