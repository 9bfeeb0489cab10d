package quantum.safety.state;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts per value (a reason, a symbol) while a stream is read; a missing value counts as "". */
final class TopCounts {

    private final Map<String, Long> counts = new HashMap<>();

    void add(String value) {
        counts.merge(value == null ? "" : value, 1L, Long::sum);
    }

    /** Every count, largest first, ties by value so the order never depends on hash order. */
    Map<String, Long> ranked() {
        Map<String, Long> result = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(result);
    }
}
