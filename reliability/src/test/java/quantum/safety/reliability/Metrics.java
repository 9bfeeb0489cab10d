package quantum.safety.reliability;

import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed text exposition: series (name with labels, as written) to value. */
record Metrics(Map<String, Double> series) {

    static Metrics parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String value = line.substring(space + 1);
            series.put(line.substring(0, space), switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            });
        }
        return new Metrics(series);
    }

    /** The value of an unlabelled series, NaN when absent. */
    double value(String name) {
        return series.getOrDefault(name, Double.NaN);
    }

    boolean has(String nameOrSeries) {
        return series.keySet().stream().anyMatch(s -> s.equals(nameOrSeries) || s.startsWith(nameOrSeries + "{"));
    }

    long count(String prefix) {
        return series.keySet().stream().filter(s -> s.startsWith(prefix)).count();
    }
}
