package quantum.safety.exporter.collect;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import quantum.safety.kernel.SymbolRule;
import quantum.safety.kernel.Text;

/**
 * One label whose values come from Redis data (a symbol of the rate ranking, a fault's reason, symbol or side, a
 * field of the decisions hash), held to the kernel's {@link SymbolRule} before a value becomes a label value.
 *
 * <p>Anyone who can write to Redis can put any bytes there: 10 KB strings, newlines, invalid UTF-8, millions of
 * distinct values. A value that breaks the rule is never exported: it becomes {@link #INVALID}, so a series that needs
 * a value (a rank of the top, the newest fault) still shows there was activity, and counts of many bad values fold
 * into that one series. The bad values are counted in {@value #FAMILY}. Kernel reasons and sides ({@code BUY},
 * {@code SELL}) keep the symbol rule too, so one rule covers every label that comes from data.
 *
 * <p>A new instance per render: what it counts is the data of one scrape.
 */
final class DataLabel {

    /**
     * The one stand-in for every value that breaks the rule. Its space is something the rule refuses, so no symbol,
     * reason or side a kernel writes can ever be this value.
     */
    static final String INVALID = "(invalid value)";
    static final String FAMILY = "quantum_safety_invalid_label_values";

    private final String label;
    private final String source;
    private final Set<String> invalid = new HashSet<>();

    /**
     * @param label  the label the values go to ({@code symbol}, {@code reason}, {@code side})
     * @param source where in Redis they come from ({@code rate_top}, {@code faults}, {@code decisions})
     */
    DataLabel(String label, String source) {
        this.label = label;
        this.source = source;
    }

    /** {@code raw} when it keeps the rule; else {@link #INVALID}, and {@code raw} is counted as an invalid value. */
    String value(String raw) {
        if (SymbolRule.accepts(raw)) {
            return raw;
        }
        invalid.add(raw == null ? "" : raw);
        return INVALID;
    }

    /**
     * A ranking made fit for labels: the first {@code limit} values that keep the rule, in order, then
     * {@link #INVALID} with the sum of every invalid value's count (when there is one). The result has at most
     * {@code limit + 1} entries however many distinct values the data holds.
     *
     * @param ranked counts by raw value, most first
     */
    Map<String, Double> fold(Map<String, ? extends Number> ranked, int limit) {
        Map<String, Double> result = new LinkedHashMap<>();
        double invalidSum = 0;
        boolean anyInvalid = false;
        int kept = 0;
        for (Map.Entry<String, ? extends Number> e : ranked.entrySet()) {
            if (value(e.getKey()).equals(INVALID)) {
                invalidSum += e.getValue().doubleValue();
                anyInvalid = true;
            } else if (kept < limit) {
                result.put(e.getKey(), e.getValue().doubleValue());
                kept++;
            }
        }
        if (anyInvalid) {
            result.put(INVALID, invalidSum);
        }
        return result;
    }

    /** Distinct values seen so far that broke the rule. */
    int invalidCount() {
        return invalid.size();
    }

    /**
     * A log line about the invalid values (how many, and one of them quoted short and escaped), or null when there
     * were none: bad data is logged, and the collector still succeeds with the values it could export.
     */
    String notice() {
        if (invalid.isEmpty()) {
            return null;
        }
        String example = invalid.stream().min(String::compareTo).orElse("");
        return invalid.size() + " " + label + " value(s) from " + source + " break the symbol rule (e.g. "
                + Text.quote(example) + ") and are exported as " + INVALID;
    }

    /** The {@value #FAMILY} series of these labels, one each. */
    static GaugeSnapshot counts(List<DataLabel> labels) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(FAMILY)
                .help("Distinct values read from Redis for a label in this scrape that break the kernel's symbol rule "
                        + "(empty, over 64 characters, white space, control, bidirectional or U+FFFD characters) and "
                        + "are exported as \"" + INVALID + "\"; source rate_top: the current window's top 5, faults: "
                        + "the newest fault and the last hour, decisions: the fields of safety:decisions.");
        for (DataLabel l : labels) {
            builder.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("label", l.label, "source", l.source))
                    .value(l.invalidCount()).build());
        }
        return builder.build();
    }

    /** Passes each label's {@link #notice()} to {@code out}. */
    static void notices(List<DataLabel> labels, CollectorOutput out) {
        for (DataLabel l : labels) {
            String notice = l.notice();
            if (notice != null) {
                out.notice(notice);
            }
        }
    }
}
