package quantum.safety.ops.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.monitoring.Bundle;

/**
 * The PromQL of every panel target of the REAL dashboard (from the classpath), with Grafana's variables replaced by
 * what Grafana would send: the dashboard's own {@code $job} and {@code $instance} ("All" = its {@code allValue}), and
 * plausible built-ins for a 1 s scrape interval.
 */
final class DashboardQueries {

    /** One query of one panel; {@code refId} tells the targets of a panel apart. */
    record Query(int panelId, String panel, String refId, String expr) {

        @Override
        public String toString() {
            return "panel " + panelId + " '" + panel + "' " + refId + ": " + expr;
        }
    }

    /** Built-ins Grafana fills in itself: values it would use for a 1 s scrape interval and a 1 h time range. */
    static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "1m", "__interval", "15s", "__interval_ms", "15000",
            "__range", "1h", "__range_s", "3600", "__range_ms", "3600000");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");

    private DashboardQueries() {
    }

    static JsonNode model() {
        try {
            return new ObjectMapper().readTree(Bundle.read(Bundle.DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every target's expression, variables substituted; a variable the dashboard does not define fails loudly. */
    static List<Query> all() {
        JsonNode model = model();
        Map<String, String> values = new LinkedHashMap<>(BUILT_INS);
        for (JsonNode variable : model.path("templating").path("list")) {
            values.put(variable.path("name").asText(), valueOf(variable));
        }
        List<Query> queries = new ArrayList<>();
        collect(model.path("panels"), values, queries);
        return queries;
    }

    private static String valueOf(JsonNode variable) {
        JsonNode current = variable.path("current").path("value");
        String value = current.isArray() ? current.path(0).asText() : current.asText();
        if ("$__all".equals(value)) {
            return variable.path("allValue").asText(".*");
        }
        return value;
    }

    private static void collect(JsonNode panels, Map<String, String> values, List<Query> into) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), values, into);
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    into.add(new Query(panel.path("id").asInt(), panel.path("title").asText(),
                            target.path("refId").asText(), substitute(expr, values)));
                }
            }
        }
    }

    static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("the dashboard query '" + expr + "' uses $" + name
                        + ", which is neither a dashboard variable nor a known built-in");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
