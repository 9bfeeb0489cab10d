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

    /** The legacy group comes first and keeps the legacy alerts; later groups each hold one more part of the system. */
    @Test
    void theLegacyGroupAndFileNamesAreKept() {
        assertThat(Bundle.ALERT_RULES).endsWith("/quantum_safety_alerts.yml");
        List<RuleFiles.Group> groups = RuleFiles.groups(Bundle.ALERT_RULES);
        assertThat(groups.get(0).name()).isEqualTo("quantum_safety");
        assertThat(groups).extracting(RuleFiles.Group::name).doesNotHaveDuplicates().contains("quantum_safety_archive");
        assertThat(groups).allSatisfy(g -> assertThat(g.interval()).as(g.name()).isEqualTo("30s"));
        assertThat(RuleFiles.alerts()).filteredOn(a -> a.group().equals("quantum_safety")).extracting(RuleFiles.Alert::name)
                .contains("QuantumSafeModeActive", "QuantumTelemetryExporterDown", "QuantumRedisConnectionLost",
                        "QuantumSafetyFaultSpike");
    }

    /** Every alert about the archive lives in its own group, with its own component, and only there. */
    @Test
    void theArchiveAlertsHaveTheirOwnGroupAndComponent() {
        assertThat(RuleFiles.alerts()).filteredOn(a -> a.group().equals("quantum_safety_archive"))
                .extracting(RuleFiles.Alert::name).containsExactly("QuantumSafetyArchiveDown",
                        "QuantumSafetyArchiveLagging", "QuantumSafetyArchiveGap", "QuantumSafetyArchivePostgresDown",
                        "QuantumSafetyArchiveErrors", "QuantumSafetyArchiveInvalidEvents");
        assertThat(RuleFiles.alerts()).filteredOn(a -> a.labels().get("component").equals("audit-archive"))
                .allSatisfy(a -> assertThat(a.group()).isEqualTo("quantum_safety_archive")).hasSize(6);
        // the archive's own families, its scrape's health and its start time only: no other job's metrics
        Set<String> archiveMetrics = new java.util.HashSet<>(MetricVocabulary.ARCHIVE);
        archiveMetrics.addAll(Set.of("up", "process_start_time_seconds"));
        RuleFiles.alerts().stream().filter(a -> a.group().equals("quantum_safety_archive")).forEach(a ->
                assertThat(MetricVocabulary.metricNames(a.expr())).as(a.name()).isSubsetOf(archiveMetrics));
    }

    /**
     * Losing audit events pages; the archive being down, behind or cut off from PostgreSQL only raises tickets, since
     * the streams still hold the events. No absent(): a host without the archive has no job and must stay quiet.
     */
    @Test
    void aGapPagesAndWhatOnlyDelaysTheArchiveRaisesTickets() {
        assertLegacy("QuantumSafetyArchiveGap", null, "0m", "critical", "audit-archive");
        assertThat(RuleFiles.alert("QuantumSafetyArchiveGap").expr())
                .contains("increase(quantum_safety_archive_gaps_total[15m]) > 0", "process_start_time_seconds");
        assertLegacy("QuantumSafetyArchiveDown", null, "5m", "warning", "audit-archive");
        assertThat(RuleFiles.alert("QuantumSafetyArchiveDown").expr())
                .contains("up{job=\"quantum_safety_archive\"} == 0", "quantum_safety_archive_build_info")
                .doesNotContain("absent");
        assertLegacy("QuantumSafetyArchiveLagging", "quantum_safety_archive_lag_seconds > 300", "10m", "warning",
                "audit-archive");
        assertLegacy("QuantumSafetyArchivePostgresDown", "quantum_safety_archive_postgres_up == 0", "2m", "warning",
                "audit-archive");
        assertLegacy("QuantumSafetyArchiveErrors", "rate(quantum_safety_archive_errors_total[5m]) > 0", "15m", "warning",
                "audit-archive");
        assertLegacy("QuantumSafetyArchiveInvalidEvents", "increase(quantum_safety_archive_invalid_events_total[15m]) > 0",
                "0m", "warning", "audit-archive");
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
                "QuantumSafetyDecisionServiceOverloaded", "QuantumSafetyDecisionServiceMemoryHigh",
                "QuantumSafetyArchiveDown", "QuantumSafetyArchiveLagging", "QuantumSafetyArchiveGap",
                "QuantumSafetyArchivePostgresDown", "QuantumSafetyArchiveErrors", "QuantumSafetyArchiveInvalidEvents",
                "Watchdog");
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
