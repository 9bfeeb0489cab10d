package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard loads through file provisioning and queries only what exists. Legacy bug (contract §5): the old JSON
 * nested the model under "dashboard" (the HTTP import wrapper), had no fixed uid and no datasource variable.
 */
class GrafanaDashboardTest {

    private final JsonNode model = DashboardModel.load();

    private List<JsonNode> visualPanels() {
        return DashboardModel.panels(model).stream().filter(p -> !p.path("type").asText().equals("row")).toList();
    }

    @Test
    void theModelIsAtTheRootWithAFixedUidTitleAndRefresh() {
        assertThat(model.has("dashboard")).as("model wrapped in the HTTP import wrapper").isFalse();
        assertThat(model.path("uid").asText()).isEqualTo("quantum-safety-telemetry");
        assertThat(model.path("title").asText()).isEqualTo("Quantum Safety Telemetry");
        assertThat(model.path("refresh").asText()).isEqualTo("10s");
        assertThat(model.get("id").isNull()).as("id is Grafana's own; null lets it assign one").isTrue();
        assertThat(model.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(model.path("panels").isArray()).isTrue();
    }

    @Test
    void aPrometheusDatasourceVariableFeedsEveryPanelAndQuery() {
        assertThat(model.path("templating").path("list")).anySatisfy(v -> {
            assertThat(v.path("type").asText()).isEqualTo("datasource");
            assertThat(v.path("name").asText()).isEqualTo("datasource");
            assertThat(v.path("query").asText()).isEqualTo("prometheus");
        });
        for (JsonNode panel : visualPanels()) {
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("datasource").path("type").asText()).as(title).isEqualTo("prometheus");
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            }
        }
        for (JsonNode variable : model.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                assertThat(variable.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void everyPanelIsAModernTypeWithAQuery() {
        assertThat(visualPanels()).isNotEmpty().allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(panel.path("type").asText()).as(title).isIn("stat", "gauge", "timeseries", "table", "bargauge");
            assertThat(panel.path("targets")).as(title).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.path("expr").asText()).as(title).isNotBlank());
        });
    }

    @Test
    void panelIdsAreUniqueAndPanelsDoNotOverlap() {
        List<JsonNode> panels = DashboardModel.panels(model);
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode p : panels) {
            JsonNode g = p.path("gridPos");
            int x = g.path("x").asInt(), y = g.path("y").asInt(), w = g.path("w").asInt(), h = g.path("h").asInt();
            assertThat(x + w).as(p.path("title").asText()).isLessThanOrEqualTo(24);
            assertThat(w * h).as(p.path("title").asText()).isPositive();
            for (int[] b : boxes) {
                boolean overlap = x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h;
                assertThat(overlap).as("%s overlaps another panel", p.path("title").asText()).isFalse();
            }
            boxes.add(new int[] {x, y, w, h});
        }
    }

    @Test
    void valueMappingsUseTheModernFormat() {
        int mappings = 0;
        for (JsonNode panel : visualPanels()) {
            for (JsonNode mapping : panel.path("fieldConfig").path("defaults").path("mappings")) {
                mappings++;
                String title = panel.path("title").asText();
                assertThat(mapping.path("type").asText()).as(title).isIn("value", "range", "regex", "special");
                assertThat(mapping.path("options").isObject()).as(title).isTrue();
                // the pre-7 format: {"id": 0, "op": "=", "value": "1", "text": "ON", "type": 1}
                assertThat(mapping.has("op") || mapping.has("text") || mapping.has("value")).as(title).isFalse();
                if (mapping.path("type").asText().equals("value")) {
                    mapping.path("options").forEach(result ->
                            assertThat(result.path("text").asText()).as(title).isNotBlank());
                }
            }
        }
        assertThat(mappings).isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyMetricAQueryNamesIsExportedOrRecorded() {
        Set<String> allowed = MetricVocabulary.allowed();
        Set<String> used = new HashSet<>();
        for (DashboardModel.Query query : DashboardModel.queries(model)) {
            Set<String> names = MetricVocabulary.metricNames(query.expr());
            assertThat(names).as("metrics of '%s': %s", query.panel(), query.expr()).isNotEmpty().isSubsetOf(allowed);
            used.addAll(names);
        }
        // every legacy family is on the dashboard, except the top-5 info whose counts-in-labels it replaces
        Set<String> legacy = new HashSet<>(MetricVocabulary.LEGACY);
        legacy.remove("quantum_safety_rate_symbol_top5_info");
        legacy.remove("quantum_safety_redis_last_error_timestamp");
        assertThat(used).containsAll(legacy);
    }

    /** The 11 panels of the legacy dashboard (contract §5), each still there in its legacy shape. */
    @Test
    void theElevenLegacyPanelsAreKept() {
        JsonNode safeMode = panel("quantum_safety_safe_mode{");
        assertThat(safeMode.path("type").asText()).isEqualTo("stat");
        assertThat(mappingTexts(safeMode)).contains("OFF", "ON");
        JsonNode ttl = panel("quantum_safety_safe_mode_ttl_seconds");
        assertThat(ttl.path("type").asText()).isEqualTo("gauge");
        assertThat(ttl.path("fieldConfig").path("defaults").path("min").asInt()).isZero();
        assertThat(ttl.path("fieldConfig").path("defaults").path("max").asInt()).isEqualTo(300);
        assertThat(panel("quantum_safety_fault_stream_length").path("type").asText()).isEqualTo("stat");
        assertThat(thresholdValues(panel("quantum_safety_faults_last_1h{"))).containsExactly(5.0, 20.0);
        assertThat(panel("quantum_trade_intent_rate_per_min").path("type").asText()).isEqualTo("timeseries");
        assertThat(panel("quantum_trade_intent_stream_length").path("type").asText()).isEqualTo("stat");
        assertThat(thresholdValues(panel("quantum_safety_rate_global_current_window"))).containsExactly(15.0, 20.0);
        assertThat(panel("quantum_safety_last_fault_info").path("type").asText()).isEqualTo("table");
        assertThat(panel("quantum_safety_rate_symbol_top{").path("type").asText()).isEqualTo("table");
        assertThat(mappingTexts(panel("quantum_safety_redis_up"))).contains("UP", "DOWN");
        assertThat(panel("quantum_safety_exporter_scrapes_total").toString())
                .contains("quantum_safety_exporter_errors_total");
    }

    @Test
    void theNewPanelsAreThere() {
        assertThat(panel("job_reason:quantum_safety_decisions:rate5m").path("type").asText()).isEqualTo("timeseries");
        assertThat(panel("job:quantum_safety_decisions_blocked:ratio_rate5m").path("fieldConfig").path("defaults")
                .path("unit").asText()).isEqualTo("percentunit");
        assertThat(panel("job_symbol:quantum_safety_faults:rate1h").path("targets").toString()).contains("{{symbol}}");
        assertThat(mappingTexts(panel("quantum_safety_kill_switch_engaged"))).contains("ENGAGED");
        assertThat(mappingTexts(panel("quantum_safety_collector_success"))).contains("OK", "FAIL");
        assertThat(panel("job:quantum_safety_slo_safe_mode:error_budget_remaining30d").path("type").asText())
                .isEqualTo("gauge");
        assertThat(panel("job:quantum_safety_slo_safe_mode:error_ratio30d").path("type").asText()).isEqualTo("stat");
    }

    /**
     * The decision service's row: decisions by reason, p50/p99 latency, rejections by cause, in flight against the
     * queue, readiness and kernel failures by kind, each of its own job and filtered by its own instance variable
     * (the exporter's $instance lists exporters).
     */
    @Test
    void theDecisionServiceRowShowsItsMetricsFromItsOwnJob() {
        JsonNode row = DashboardModel.panels(model).stream()
                .filter(p -> p.path("type").asText().equals("row") && p.path("title").asText().equals("Decision service"))
                .findFirst().orElseThrow(() -> new AssertionError("no row 'Decision service'"));
        int rowY = row.path("gridPos").path("y").asInt();
        assertThat(model.path("templating").path("list")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("service_instance");
            assertThat(v.path("query").path("query").asText()).isEqualTo("label_values(up{job=\"quantum_safety_kernel\"}, instance)");
            assertThat(v.path("includeAll").asBoolean()).isTrue();
        });

        JsonNode ready = panel("quantum_safety_service_ready");
        assertThat(ready.path("type").asText()).isEqualTo("stat");
        assertThat(mappingTexts(ready)).contains("READY", "NOT READY");
        assertThat(mappingTexts(panel("up{job=\\\"quantum_safety_kernel\\\""))).contains("UP", "DOWN");
        assertThat(panel("quantum_safety_service_decision_duration_seconds_count").path("targets").toString())
                .contains("sum by (reason)", "{{reason}}");
        JsonNode latency = panel("p99_rate5m");
        assertThat(latency.path("targets").toString()).contains("p50_rate5m");
        assertThat(latency.path("fieldConfig").path("defaults").path("unit").asText()).isEqualTo("s");
        assertThat(thresholdValues(latency)).containsExactly(0.05);
        assertThat(panel("quantum_safety_service_rejected_total").path("targets").toString())
                .contains("sum by (cause)", "{{cause}}");
        assertThat(panel("quantum_safety_service_in_flight").path("targets").toString())
                .contains("quantum_safety_service_queue_capacity");
        assertThat(panel("quantum_safety_service_kernel_failures_total").path("targets").toString())
                .contains("sum by (kind)", "{{kind}}");

        List<JsonNode> servicePanels = visualPanels().stream()
                .filter(p -> p.path("targets").toString().contains("job=\\\"quantum_safety_kernel\\\"")).toList();
        assertThat(servicePanels).hasSize(7).allSatisfy(p -> {
            assertThat(p.path("gridPos").path("y").asInt()).as(p.path("title").asText()).isGreaterThan(rowY);
            p.path("targets").forEach(t -> assertThat(t.path("expr").asText()).as(p.path("title").asText())
                    .contains("job=\"quantum_safety_kernel\", instance=~\"$service_instance\"")
                    .doesNotContain("$job").doesNotContain("\"$instance\""));
        });
        Set<String> used = new HashSet<>();
        servicePanels.forEach(p -> p.path("targets").forEach(t -> used.addAll(MetricVocabulary.metricNames(t.path("expr").asText()))));
        assertThat(used).contains("quantum_safety_service_ready", "quantum_safety_service_in_flight",
                "quantum_safety_service_queue_capacity", "quantum_safety_service_rejected_total",
                "quantum_safety_service_kernel_failures_total", "quantum_safety_service_decision_duration_seconds_count");
    }

    /**
     * The audit archive's row: events archived per second by stream, lag in seconds (with the alert's 5 minutes) and
     * in entries, gaps and events lost, errors and invalid entries, scrape and connections up or down, each of its own
     * job and filtered by its own instance variable.
     */
    @Test
    void theAuditArchiveRowShowsItsMetricsFromItsOwnJob() {
        JsonNode row = DashboardModel.panels(model).stream()
                .filter(p -> p.path("type").asText().equals("row") && p.path("title").asText().equals("Audit archive"))
                .findFirst().orElseThrow(() -> new AssertionError("no row 'Audit archive'"));
        int rowY = row.path("gridPos").path("y").asInt();
        assertThat(model.path("templating").path("list")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("archive_instance");
            assertThat(v.path("query").path("query").asText())
                    .isEqualTo("label_values(up{job=\"quantum_safety_archive\"}, instance)");
            assertThat(v.path("includeAll").asBoolean()).isTrue();
            assertThat(v.path("allValue").asText()).isEqualTo(".*");
        });

        assertThat(mappingTexts(panel("min(up{job=\\\"quantum_safety_archive\\\""))).contains("UP", "DOWN");
        JsonNode connections = panel("quantum_safety_archive_postgres_up");
        assertThat(connections.path("type").asText()).isEqualTo("stat");
        assertThat(connections.path("targets").toString()).contains("quantum_safety_archive_redis_up");
        assertThat(mappingTexts(connections)).contains("UP", "DOWN");
        JsonNode archived = panel("quantum_safety_archive_events_total");
        assertThat(archived.path("targets").toString()).contains("sum by (stream) (rate(", "{{stream}}");
        assertThat(archived.path("fieldConfig").path("defaults").path("unit").asText()).isEqualTo("ops");
        JsonNode lag = panel("quantum_safety_archive_lag_seconds");
        assertThat(lag.path("fieldConfig").path("defaults").path("unit").asText()).isEqualTo("s");
        assertThat(thresholdValues(lag)).as("QuantumSafetyArchiveLagging's threshold").containsExactly(300.0);
        assertThat(panel("quantum_safety_archive_lag_events").path("targets").toString()).contains("{{stream}}");
        JsonNode gaps = panel("quantum_safety_archive_gaps_total");
        assertThat(gaps.path("targets").toString()).contains("quantum_safety_archive_gap_events_total");
        assertThat(thresholdValues(gaps)).as("any gap is red").containsExactly(1.0);
        JsonNode errors = panel("quantum_safety_archive_errors_total");
        assertThat(errors.path("targets").toString()).contains("sum by (stage)", "quantum_safety_archive_invalid_events_total");
        assertThat(panel("quantum_safety_archive_last_archived_timestamp_seconds").path("fieldConfig").path("defaults")
                .path("unit").asText()).isEqualTo("dateTimeFromNow");

        List<JsonNode> archivePanels = visualPanels().stream()
                .filter(p -> p.path("targets").toString().contains("job=\\\"quantum_safety_archive\\\"")).toList();
        assertThat(archivePanels).hasSize(8).allSatisfy(p -> {
            assertThat(p.path("gridPos").path("y").asInt()).as(p.path("title").asText()).isGreaterThan(rowY);
            p.path("targets").forEach(t -> assertThat(t.path("expr").asText()).as(p.path("title").asText())
                    .contains("job=\"quantum_safety_archive\", instance=~\"$archive_instance\"")
                    .doesNotContain("$job").doesNotContain("\"$instance\""));
        });
        Set<String> used = new HashSet<>();
        archivePanels.forEach(p -> p.path("targets").forEach(t -> used.addAll(MetricVocabulary.metricNames(t.path("expr").asText()))));
        Set<String> expected = new HashSet<>(MetricVocabulary.ARCHIVE);
        expected.remove("quantum_safety_archive_build_info");
        assertThat(used).containsAll(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProvisioningFileLoadsTheFolderIntoQuantumTrader() {
        Map<String, Object> file = new Yaml().load(Bundle.read(Bundle.DASHBOARD_PROVISIONING));
        assertThat(file).containsEntry("apiVersion", 1);
        assertThat((List<Map<String, Object>>) file.get("providers")).singleElement().satisfies(provider -> {
            assertThat(provider).containsEntry("type", "file").containsEntry("folder", "Quantum Trader")
                    .containsEntry("updateIntervalSeconds", 30).containsEntry("allowUiUpdates", true);
            assertThat((Map<String, Object>) provider.get("options")).containsKey("path");
        });
    }

    /** The one visual panel with a query containing {@code fragment}. */
    private JsonNode panel(String fragment) {
        Predicate<JsonNode> queries = p -> p.path("targets").toString().contains(fragment);
        List<JsonNode> found = visualPanels().stream().filter(queries).toList();
        assertThat(found).as("panels querying %s", fragment).hasSize(1);
        return found.get(0);
    }

    private static List<String> mappingTexts(JsonNode panel) {
        List<String> texts = new ArrayList<>();
        panel.path("fieldConfig").path("defaults").path("mappings")
                .forEach(m -> m.path("options").forEach(o -> texts.add(o.path("text").asText())));
        return texts;
    }

    private static List<Double> thresholdValues(JsonNode panel) {
        List<Double> values = new ArrayList<>();
        panel.path("fieldConfig").path("defaults").path("thresholds").path("steps").forEach(s -> {
            if (!s.path("value").isNull()) {
                values.add(s.path("value").asDouble());
            }
        });
        return values;
    }
}
