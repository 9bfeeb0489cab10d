package quantum.safety.exporter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/** A parsed Prometheus text exposition: series (name plus labels, as written) to value. */
public final class MetricsText {

    private final String body;
    private final Map<String, Double> series = new LinkedHashMap<>();

    public MetricsText(String body) {
        this.body = body;
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    public String body() {
        return body;
    }

    /** The value of a series written exactly as in the exposition, e.g. {@code quantum_safety_safe_mode} or
     * {@code quantum_safety_collector_success{collector="rate"}}. */
    public OptionalDouble value(String seriesName) {
        Double v = series.get(seriesName);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public double get(String seriesName) {
        return value(seriesName).orElseThrow(() -> new AssertionError("no series " + seriesName + " in:\n" + body));
    }

    /** Series of one family (name without labels). */
    public Map<String, Double> family(String name) {
        Map<String, Double> result = new LinkedHashMap<>();
        series.forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "{")) {
                result.put(k, v);
            }
        });
        return result;
    }

    public boolean has(String name) {
        return !family(name).isEmpty();
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        series.keySet().forEach(k -> names.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
        return names;
    }

    @Override
    public String toString() {
        return body;
    }
}
