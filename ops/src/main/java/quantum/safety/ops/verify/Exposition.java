package quantum.safety.ops.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Prometheus text exposition format, read just far enough for checks: series names, labels and values.
 * Lines it cannot read are skipped, not fatal: a check looks for specific series.
 */
public record Exposition(List<Series> series) {

    /** One sample line. */
    public record Series(String name, Map<String, String> labels, double value) {
    }

    public static Exposition parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            parseLine(line).ifPresent(series::add);
        }
        return new Exposition(List.copyOf(series));
    }

    public List<Series> named(String name) {
        return series.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of an unlabelled series (or the first series of that name). */
    public Optional<Double> value(String name) {
        return named(name).stream().findFirst().map(Series::value);
    }

    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        series.forEach(s -> names.add(s.name()));
        return names;
    }

    private static Optional<Series> parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (i < line.length() && line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    return Optional.empty();
                }
                String key = line.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\' && j + 1 < line.length()) {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                    i++;
                }
            }
            rest = i + 1;
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = space;
        } else {
            return Optional.empty();
        }
        String[] parts = line.substring(Math.min(rest, line.length())).strip().split("\\s+");
        try {
            return Optional.of(new Series(name, java.util.Collections.unmodifiableMap(labels), parseValue(parts[0])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
