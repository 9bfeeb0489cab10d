package quantum.safety.ops.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.BundleSource;

/**
 * The rule groups our bundle defines (file name → group name → rule names), read from the bundle's rule files, so
 * verify expects exactly what install copied. Falls back to the contract's four alerts when no bundle is at hand.
 */
public record ExpectedRules(List<Group> groups) {

    /** One group as defined in one of our rule files. */
    public record Group(String fileName, String name, List<String> rules) {
    }

    /** The legacy contract §4 alert names, in group quantum_safety. */
    public static ExpectedRules contract() {
        return new ExpectedRules(List.of(new Group(BundlePaths.fileName(BundlePaths.ALERT_RULES), "quantum_safety",
                List.of("QuantumSafeModeActive", "QuantumTelemetryExporterDown", "QuantumRedisConnectionLost",
                        "QuantumSafetyFaultSpike"))));
    }

    public static ExpectedRules fromBundle(BundleSource bundle) {
        List<Group> groups = new ArrayList<>();
        for (String path : BundlePaths.RULE_FILES) {
            bundle.read(path).ifPresent(bytes -> groups.addAll(parse(BundlePaths.fileName(path),
                    new String(bytes, StandardCharsets.UTF_8))));
        }
        return groups.isEmpty() ? contract() : new ExpectedRules(List.copyOf(groups));
    }

    static List<Group> parse(String fileName, String yaml) {
        List<Group> groups = new ArrayList<>();
        Object loaded = new Yaml(new LoaderOptions()).load(yaml);
        if (loaded instanceof Map<?, ?> map && map.get("groups") instanceof List<?> list) {
            for (Object g : list) {
                if (g instanceof Map<?, ?> group) {
                    List<String> rules = new ArrayList<>();
                    if (group.get("rules") instanceof List<?> ruleList) {
                        for (Object r : ruleList) {
                            if (r instanceof Map<?, ?> rule) {
                                Object name = rule.get("alert") != null ? rule.get("alert") : rule.get("record");
                                rules.add(String.valueOf(name));
                            }
                        }
                    }
                    groups.add(new Group(fileName, String.valueOf(group.get("name")), List.copyOf(rules)));
                }
            }
        }
        return groups;
    }

    /** Group name → rules, for messages. */
    public Map<String, List<String>> byGroup() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        groups.forEach(g -> map.put(g.fileName() + ":" + g.name(), g.rules()));
        return map;
    }
}
