package quantum.safety.exporter.collect;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts per label value, of which only the top N are exported: label cardinality stays bounded by construction. */
final class TopCounts {

    private final Map<String, Long> counts = new HashMap<>();

    void add(String key) {
        if (key != null && !key.isEmpty()) {
            counts.merge(key, 1L, Long::sum);
        }
    }

    /** The {@code n} largest counts, largest first, ties by name so the result does not depend on hash order. */
    Map<String, Long> top(int n) {
        Map<String, Long> result = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(0, n))
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }
}
