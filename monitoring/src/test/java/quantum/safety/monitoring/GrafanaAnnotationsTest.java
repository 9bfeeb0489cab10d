package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The dashboard's annotations: SAFE MODE, and deployments (versions, ops install, ops rollback) on every panel. */
class GrafanaAnnotationsTest {

    private final JsonNode model = DashboardModel.load();

    /**
     * Deployments on every panel: a new exporter, kernel or decision service version (a version running now that did
     * not 2 minutes before, from their build info), each ops install (the time its generated rule carries) and each
     * ops rollback (the newest install going away or back to an older one). PromtoolTest and the ops end-to-end test
     * run these queries on input where they must and must not answer.
     */
    @Test
    void theDeploymentAnnotationsMarkVersionChangesInstallsAndRollbacks() {
        JsonNode exporter = annotation("Exporter version");
        assertThat(exporter.path("expr").asText()).contains("quantum_safety_exporter_build_info{job=\"$job\"}",
                "count by (instance, version)", "unless", "offset 2m");
        assertThat(exporter.path("titleFormat").asText()).contains("{{version}}");
        assertThat(annotation("Kernel version").path("expr").asText())
                .contains("count by (version) (quantum_safety_kernel_info{job=\"$job\"})", "offset 2m");
        assertThat(annotation("Decision service version").path("expr").asText())
                .contains("quantum_safety_service_build_info{job=\"quantum_safety_kernel\"}", "offset 2m");
        for (String name : List.of("Exporter version", "Kernel version", "Decision service version")) {
            assertThat(annotation(name).path("useValueForTime").asBoolean()).as(name).isFalse();
        }

        JsonNode install = annotation("ops install");
        // Grafana reads the value as a time in milliseconds: the rule carries seconds
        assertThat(install.path("expr").asText())
                .isEqualTo("max by (install_id) (quantum_safety_ops_install_timestamp_seconds) * 1000");
        assertThat(install.path("useValueForTime").asBoolean()).isTrue();
        assertThat(install.path("titleFormat").asText()).contains("{{install_id}}");
        JsonNode rollback = annotation("ops rollback");
        // the newest install seen in the last 5 minutes is newer than the live one, or none is live
        assertThat(rollback.path("expr").asText()).startsWith("topk(1, max by (install_id) (max_over_time(")
                .contains("quantum_safety_ops_install_timestamp_seconds[5m]", "unless");
        assertThat(rollback.path("useValueForTime").asBoolean()).isFalse();
        assertThat(rollback.path("titleFormat").asText()).contains("{{install_id}}");

        for (JsonNode annotation : model.path("annotations").path("list")) {
            if (annotation.has("expr")) {
                String name = annotation.path("name").asText();
                assertThat(annotation.path("datasource").path("uid").asText()).as(name).isEqualTo("${datasource}");
                assertThat(annotation.path("enable").asBoolean()).as(name).isTrue();
                assertThat(annotation.path("step").asText()).as(name).isEqualTo("30s");
            }
        }
    }

    /** prometheus/tests/dashboard_annotations_test.yml runs exactly these queries (PromtoolTest runs the file). */
    @Test
    void everyAnnotationQueryIsPromtoolTestedAsItStands() {
        List<String> tested = new ArrayList<>();
        RuleUnitTestCoverageTest.forEachTest((file, index, test) -> {
            if (file.endsWith("/dashboard_annotations_test.yml")) {
                RuleUnitTestCoverageTest.asList(test.get("promql_expr_test"))
                        .forEach(e -> tested.add((String) RuleUnitTestCoverageTest.asMap(e).get("expr")));
            }
        });
        List<String> annotations = new ArrayList<>();
        model.path("annotations").path("list").forEach(a -> {
            if (a.has("expr")) {
                annotations.add(a.path("expr").asText().replace("$job", "quantum_safety_telemetry"));
            }
        });
        assertThat(annotations).hasSize(6);
        // the SAFE MODE annotation is the state itself, tested through the alert on the same expression
        assertThat(tested).containsAll(annotations.subList(1, annotations.size()));
    }

    private JsonNode annotation(String name) {
        List<JsonNode> found = new ArrayList<>();
        model.path("annotations").path("list").forEach(a -> {
            if (a.path("name").asText().equals(name)) {
                found.add(a);
            }
        });
        assertThat(found).as("annotations named %s", name).hasSize(1);
        return found.get(0);
    }
}
