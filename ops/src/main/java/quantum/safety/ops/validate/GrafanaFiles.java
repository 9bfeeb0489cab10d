package quantum.safety.ops.validate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Structural checks of the Grafana files, since there is no Grafana here to ask: a dashboard model file
 * provisioning can load (legacy bug: the model was nested under {@code "dashboard"}, the HTTP import wrapper, and
 * had no fixed uid), and a provisioning file of the documented shape.
 */
public final class GrafanaFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrafanaFiles() {
    }

    /** Problems of a dashboard JSON; empty when file provisioning can load it. */
    public static List<String> dashboardProblems(byte[] json) {
        List<String> problems = new ArrayList<>();
        JsonNode model;
        try {
            model = JSON.readTree(json);
        } catch (IOException e) {
            return List.of("not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (model == null || !model.isObject()) {
            return List.of("not a JSON object");
        }
        if (model.has("dashboard") && !model.has("panels")) {
            problems.add("the model is nested under \"dashboard\" (the HTTP import wrapper): file provisioning cannot load it");
        }
        if (!model.path("uid").isTextual() || model.path("uid").asText().isBlank()) {
            problems.add("no fixed \"uid\": links break on every re-import");
        }
        if (!model.path("title").isTextual()) {
            problems.add("no \"title\"");
        }
        if (!model.path("panels").isArray() || model.path("panels").isEmpty()) {
            problems.add("no panels");
        }
        return problems;
    }

    /** The dashboard's uid, title and panel count, for evidence. */
    public static String dashboardSummary(byte[] json) {
        try {
            JsonNode model = JSON.readTree(json);
            return "uid=" + model.path("uid").asText("?") + " title=\"" + model.path("title").asText("?")
                    + "\" panels=" + model.path("panels").size();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** The folders ({@code providers[].options.path}) a provisioning file loads dashboards from. */
    @SuppressWarnings("unchecked")
    public static List<String> provisioningPaths(String yaml) {
        List<String> paths = new ArrayList<>();
        try {
            Object loaded = new Yaml(new LoaderOptions()).load(yaml);
            if (loaded instanceof Map<?, ?> map && map.get("providers") instanceof List<?> providers) {
                for (Object provider : providers) {
                    if (provider instanceof Map<?, ?> p && p.get("options") instanceof Map<?, ?> options
                            && options.get("path") != null) {
                        paths.add(String.valueOf(options.get("path")));
                    }
                }
            }
        } catch (YAMLException e) {
            return List.of();
        }
        return paths;
    }

    /** Problems of a dashboard provisioning file; empty when it has the documented shape. */
    public static List<String> provisioningProblems(String yaml) {
        List<String> problems = new ArrayList<>();
        Object loaded;
        try {
            loaded = new Yaml(new LoaderOptions()).load(yaml);
        } catch (YAMLException e) {
            return List.of("not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            return List.of("not a YAML mapping");
        }
        if (!"1".equals(String.valueOf(map.get("apiVersion")))) {
            problems.add("apiVersion is " + map.get("apiVersion") + ", not 1");
        }
        if (provisioningPaths(yaml).isEmpty()) {
            problems.add("no provider with options.path");
        }
        return problems;
    }
}
