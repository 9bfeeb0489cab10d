package quantum.safety.kernel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the fault stream, read leniently: written by this kernel, by the legacy kernel, or by hand.
 *
 * <p>{@code timestamp} is unix seconds in the contract, but readers must also accept milliseconds and, when it is
 * missing or garbage, fall back to the entry id's milliseconds. Unknown fields are kept in {@link #fields()}.
 *
 * @param id            the stream entry id, e.g. {@code 1768784108123-0}
 * @param epochSeconds  when the fault happened, unix seconds (fractional when the source had milliseconds)
 * @param timestampFromId true when the timestamp field was missing or unreadable and the id was used instead
 * @param fields        every field as written
 */
public record FaultEvent(String id, double epochSeconds, boolean timestampFromId, Map<String, String> fields) {

    /** Timestamps above this are milliseconds (1e11 s is the year 5138). */
    private static final double MILLIS_THRESHOLD = 1e11;

    public FaultEvent {
        fields = Map.copyOf(fields);
    }

    public static FaultEvent fromStreamEntry(String id, Map<String, String> fields) {
        Optional<Double> ts = parseTimestamp(fields.get("timestamp"));
        double seconds = ts.orElseGet(() -> idMillis(id) / 1000.0);
        return new FaultEvent(id, seconds, ts.isEmpty(), new LinkedHashMap<>(fields));
    }

    public String reason() {
        return field("reason");
    }

    public String symbol() {
        return field("symbol");
    }

    public String side() {
        return field("side");
    }

    /** A field's value, or "" when absent. */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }

    /** Milliseconds part of a stream id ({@code <ms>-<seq>}); 0 when the id is not of that form. */
    public static long idMillis(String id) {
        if (id == null) {
            return 0;
        }
        int dash = id.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<Double> parseTimestamp(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (!Double.isFinite(value) || value <= 0) {
                return Optional.empty();
            }
            return Optional.of(value >= MILLIS_THRESHOLD ? value / 1000.0 : value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
