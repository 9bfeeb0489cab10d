package quantum.safety.monitoring;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** The bundle's rule files, parsed the way Prometheus reads them. */
final class RuleFiles {

    record Group(String name, String interval, List<Map<String, Object>> rules) {
    }

    record Alert(String group, String name, String expr, String forDuration, Map<String, String> labels,
                 Map<String, String> annotations) {
    }

    record Recording(String group, String name, String expr) {
    }

    private RuleFiles() {
    }

    @SuppressWarnings("unchecked")
    static List<Group> groups(String bundlePath) {
        Map<String, Object> file = new Yaml().load(Bundle.read(bundlePath));
        return ((List<Map<String, Object>>) file.get("groups")).stream()
                .map(g -> new Group((String) g.get("name"), String.valueOf(g.get("interval")),
                        (List<Map<String, Object>>) g.get("rules")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<Alert> alerts() {
        return groups(Bundle.ALERT_RULES).stream()
                .flatMap(g -> g.rules().stream().filter(r -> r.containsKey("alert")).map(r -> new Alert(g.name(),
                        (String) r.get("alert"), (String) r.get("expr"),
                        r.containsKey("for") ? String.valueOf(r.get("for")) : "0s",
                        (Map<String, String>) r.getOrDefault("labels", Map.of()),
                        (Map<String, String>) r.getOrDefault("annotations", Map.of()))))
                .toList();
    }

    static List<Recording> recordings() {
        return List.of(Bundle.ALERT_RULES, Bundle.RECORDING_RULES).stream()
                .flatMap(file -> groups(file).stream())
                .flatMap(g -> g.rules().stream().filter(r -> r.containsKey("record"))
                        .map(r -> new Recording(g.name(), (String) r.get("record"), (String) r.get("expr"))))
                .toList();
    }

    static Alert alert(String name) {
        return alerts().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + name + " in " + Bundle.ALERT_RULES));
    }
}
