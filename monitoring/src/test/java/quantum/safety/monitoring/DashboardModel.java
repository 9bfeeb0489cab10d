package quantum.safety.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bundle's Grafana dashboard model, as file provisioning reads it. */
final class DashboardModel {

    record Query(String panel, String expr) {
    }

    private DashboardModel() {
    }

    static JsonNode load() {
        try {
            return new ObjectMapper().readTree(Bundle.read(Bundle.DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel, rows included, also those nested in collapsed rows. */
    static List<JsonNode> panels(JsonNode model) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : model.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every PromQL expression: panel targets and annotation queries. */
    static List<Query> queries(JsonNode model) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(model)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asText(), target.path("expr").asText()));
            }
        }
        for (JsonNode annotation : model.path("annotations").path("list")) {
            if (annotation.has("expr")) {
                queries.add(new Query("annotation " + annotation.path("name").asText(),
                        annotation.path("expr").asText()));
            }
        }
        return queries;
    }

    /** A query with the dashboard variables replaced by values Prometheus accepts. */
    static String resolved(String expr) {
        return expr.replace("$service_instance", ".*").replace("$archive_instance", ".*")
                .replace("$job", "quantum_safety_telemetry")
                .replace("$instance", ".*");
    }
}
