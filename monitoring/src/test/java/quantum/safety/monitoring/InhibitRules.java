package quantum.safety.monitoring;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * The inhibit_rules of alertmanager.yml, evaluated with Alertmanager's semantics: a firing source alert mutes a
 * target alert when every source matcher matches the source, every target matcher matches the target, and the
 * {@code equal} labels have the same value on both (a label missing on both counts as equal, as in Alertmanager).
 * amtool cannot test inhibitions; AlertmanagerInhibitionTest also checks them on a running Alertmanager.
 */
final class InhibitRules {

    record LabelMatcher(String name, String op, String value) {

        private static final Pattern SYNTAX = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"(.*)\"\\s*");

        static LabelMatcher parse(String text) {
            Matcher m = SYNTAX.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a matcher this test understands: " + text);
            }
            return new LabelMatcher(m.group(1), m.group(2), m.group(3));
        }

        boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(name, "");
            return switch (op) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> actual.matches(value); // Alertmanager anchors regexes, as String.matches does
                case "!~" -> !actual.matches(value);
                default -> throw new IllegalStateException(op);
            };
        }
    }

    record Rule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

        boolean inhibits(Map<String, String> sourceAlert, Map<String, String> targetAlert) {
            return source.stream().allMatch(m -> m.matches(sourceAlert))
                    && target.stream().allMatch(m -> m.matches(targetAlert))
                    && equal.stream().allMatch(l -> sourceAlert.getOrDefault(l, "").equals(targetAlert.getOrDefault(l, "")));
        }
    }

    private InhibitRules() {
    }

    @SuppressWarnings("unchecked")
    static List<Rule> load() {
        Map<String, Object> config = new Yaml().load(Bundle.read(Bundle.ALERTMANAGER_CONFIG));
        return ((List<Map<String, Object>>) config.get("inhibit_rules")).stream().map(r -> new Rule(
                        ((List<String>) r.get("source_matchers")).stream().map(LabelMatcher::parse).toList(),
                        ((List<String>) r.get("target_matchers")).stream().map(LabelMatcher::parse).toList(),
                        (List<String>) r.getOrDefault("equal", List.of())))
                .toList();
    }

    /** Whether a firing {@code source} alert mutes {@code target} under any rule; an alert never mutes itself. */
    static boolean inhibits(Map<String, String> source, Map<String, String> target) {
        return !source.equals(target) && load().stream().anyMatch(r -> r.inhibits(source, target));
    }
}
