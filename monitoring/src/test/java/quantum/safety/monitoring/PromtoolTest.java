package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.testkit.RequiresTools;

/** The real promtool on the real files, copied out of the bundle the way they ship. */
@RequiresTools({"promtool"})
class PromtoolTest {

    @TempDir
    Path dir;

    private Path prometheus() throws IOException {
        return Bundle.copyTo(dir).resolve("prometheus");
    }

    @Test
    void checkRulesAcceptsBothRuleFiles() throws IOException {
        Tool check = Tool.run(prometheus(), "promtool", "check", "rules",
                "rules/quantum_safety_alerts.yml", "rules/quantum_safety_recording.yml");
        assertThat(check.succeeded()).as(check.describe()).isTrue();
        assertThat(check.output())
                .contains("SUCCESS: " + RuleFiles.alerts().size() + " rules found")
                .contains("SUCCESS: " + RuleFiles.groups(Bundle.RECORDING_RULES).stream()
                        .mapToInt(g -> g.rules().size()).sum() + " rules found");
    }

    @Test
    void checkConfigAcceptsTheExamplePrometheusYmlAndFindsItsRules() throws IOException {
        Tool check = Tool.run(prometheus(), "promtool", "check", "config", "prometheus.yml");
        assertThat(check.succeeded()).as(check.describe()).isTrue();
        assertThat(check.output()).contains("SUCCESS: 2 rule files found");
    }

    @TestFactory
    Stream<DynamicTest> everyRuleUnitTestFilePasses() throws IOException {
        Path prometheus = prometheus();
        List<String> files = Bundle.list(Bundle.RULE_TESTS);
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            String relative = file.substring("prometheus/".length());
            Tool test = Tool.run(prometheus, "promtool", "test", "rules", relative);
            assertThat(test.succeeded()).as(test.describe()).isTrue();
            assertThat(test.output()).contains("SUCCESS").doesNotContain("FAILED");
        }));
    }

    /**
     * Legacy bug (contract §4): the old QuantumSafetyFaultSpike was increase(quantum_safety_faults_last_1h[5m]) > 5.
     * On the very input of our "legacy false positive" case — the gauge dropping as faults age out, no new fault —
     * the old rule fires; ours stays silent (legacy_alerts_test.yml). This proves the input really triggers the bug.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theLegacySpikeExpressionFiresOnTheFalsePositiveInput() throws IOException {
        Path prometheus = prometheus();
        Map<String, Object> ourTest = new Yaml().<Map<String, Object>>load(
                        Bundle.read("prometheus/tests/legacy_alerts_test.yml"))
                .entrySet().stream().filter(e -> e.getKey().equals("tests")).map(e -> (List<Object>) e.getValue())
                .flatMap(List::stream).map(t -> (Map<String, Object>) t)
                .filter(t -> String.valueOf(t.get("name")).contains("legacy false positive"))
                .findFirst().orElseThrow();

        Map<String, Object> legacyRule = new LinkedHashMap<>();
        legacyRule.put("alert", "QuantumSafetyFaultSpike");
        legacyRule.put("expr", "increase(quantum_safety_faults_last_1h[5m]) > 5");
        legacyRule.put("for", "3m");
        legacyRule.put("labels", Map.of("severity", "warning"));
        Files.writeString(prometheus.resolve("legacy_rules.yml"), dump(Map.of("groups", List.of(
                Map.of("name", "quantum_safety", "interval", "30s", "rules", List.of(legacyRule))))));

        Map<String, Object> expectFiring = new LinkedHashMap<>();
        expectFiring.put("eval_time", "10m");
        expectFiring.put("alertname", "QuantumSafetyFaultSpike");
        expectFiring.put("exp_alerts", List.of(Map.of("exp_labels", Map.of("severity", "warning",
                "job", "quantum_safety_telemetry", "instance", "127.0.0.1:9105"))));
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", ourTest.get("interval"));
        test.put("input_series", ourTest.get("input_series"));
        test.put("alert_rule_test", List.of(expectFiring));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of("legacy_rules.yml"));
        file.put("evaluation_interval", "30s");
        file.put("tests", List.of(test));
        Files.writeString(prometheus.resolve("legacy_test.yml"), dump(file));

        Tool legacy = Tool.run(prometheus, "promtool", "test", "rules", "legacy_test.yml");
        assertThat(legacy.succeeded()).as("the legacy rule fires on the false-positive input: " + legacy.describe())
                .isTrue();
    }

    /** Grafana is not here to run the panels; promtool at least parses every query the way Prometheus will. */
    @Test
    void everyDashboardQueryIsValidPromQL() throws IOException {
        List<DashboardModel.Query> queries = DashboardModel.queries(DashboardModel.load());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard_queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard_query_").append(i).append("\n        expr: ")
                    .append(new com.fasterxml.jackson.databind.ObjectMapper()
                            .writeValueAsString(DashboardModel.resolved(queries.get(i).expr())))
                    .append('\n');
        }
        Path file = dir.resolve("dashboard_queries.yml");
        Files.writeString(file, rules);
        Tool check = Tool.run(dir, "promtool", "check", "rules", file.toString());
        assertThat(check.succeeded()).as(check.describe()).isTrue();
        assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    private static String dump(Object yaml) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(yaml);
    }
}
