package quantum.safety.ops.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.BundleSource;

/**
 * The alerting and recording rules a backtest replays, read from Prometheus rule files: the bundle's (its alert and
 * recording files together, since the alerts read the recorded series) or the operator's.
 */
public record BacktestRules(List<AlertRule> alerts, Map<String, RecordingRule> recordings, List<String> sources) {

    /** The bundle's rule files. */
    public static BacktestRules fromBundle(BundleSource bundle) {
        Loader loader = new Loader();
        for (String path : BundlePaths.RULE_FILES) {
            loader.add(bundle.describe() + " " + path, new String(bundle.require(path), StandardCharsets.UTF_8));
        }
        return loader.rules();
    }

    /** The given rule files; a missing or unreadable one is bad input. */
    public static BacktestRules fromFiles(List<Path> files) {
        Loader loader = new Loader();
        for (Path file : files) {
            try {
                loader.add(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new OpsInputException("--rules " + file + " cannot be read (" + e.getClass().getSimpleName()
                        + "); pass a Prometheus rule file, e.g. --rules=/etc/prometheus/rules/quantum_safety_alerts.yml");
            }
        }
        return loader.rules();
    }

    /** The alert names, in file order. */
    public List<String> alertNames() {
        return alerts.stream().map(AlertRule::name).toList();
    }

    private static final class Loader {
        private final List<AlertRule> alerts = new ArrayList<>();
        private final Map<String, RecordingRule> recordings = new LinkedHashMap<>();
        private final List<String> sources = new ArrayList<>();

        void add(String source, String yaml) {
            sources.add(source);
            Object loaded;
            try {
                loaded = new Yaml(new LoaderOptions()).load(yaml);
            } catch (YAMLException e) {
                throw bad(source, "is not YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (!(loaded instanceof Map<?, ?> map) || !(map.get("groups") instanceof List<?> groups)) {
                throw bad(source, "has no 'groups:' list");
            }
            for (Object g : groups) {
                if (!(g instanceof Map<?, ?> group) || !(group.get("rules") instanceof List<?> rules)) {
                    throw bad(source, "has a group without a 'rules:' list");
                }
                String name = String.valueOf(group.get("name"));
                Duration interval = group.get("interval") == null ? null
                        : duration(source, "group " + name + " interval", group.get("interval"));
                for (Object r : rules) {
                    if (r instanceof Map<?, ?> rule) {
                        add(source, name, interval, rule);
                    }
                }
            }
        }

        private void add(String source, String group, Duration interval, Map<?, ?> rule) {
            String expr = rule.get("expr") == null ? null : String.valueOf(rule.get("expr"));
            if (rule.get("alert") != null) {
                String name = String.valueOf(rule.get("alert"));
                if (expr == null) {
                    throw bad(source, "alert " + name + " has no expr");
                }
                alerts.add(new AlertRule(name, expr, duration(source, name + " for", rule.get("for")),
                        duration(source, name + " keep_firing_for", rule.get("keep_firing_for")), group, interval,
                        source));
            } else if (rule.get("record") != null && expr != null) {
                String name = String.valueOf(rule.get("record"));
                recordings.put(name, new RecordingRule(name, expr, interval));
            }
        }

        private static Duration duration(String source, String what, Object value) {
            if (value == null) {
                return Duration.ZERO;
            }
            try {
                return PromDuration.parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw bad(source, what + ": " + e.getMessage());
            }
        }

        private static OpsInputException bad(String source, String what) {
            return new OpsInputException("rule file " + source + " " + what
                    + "; check it with 'promtool check rules " + source + "'");
        }

        BacktestRules rules() {
            return new BacktestRules(List.copyOf(alerts), Map.copyOf(recordings), List.copyOf(sources));
        }
    }
}
