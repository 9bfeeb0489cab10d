package quantum.safety.exporter.collect;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Parses the strings Redis holds; anything unreadable is reported as a problem of the calling collector. */
final class Values {

    private Values() {
    }

    /** An integer counter such as {@code safety:rate:global:<bucket>}; absent counts as 0. */
    static OptionalLong counter(String value, CollectorOutput out, String key) {
        if (value == null) {
            return OptionalLong.of(0);
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            out.problem(key + " does not hold an integer");
            return OptionalLong.empty();
        }
    }

    /** A finite number (hash fields may be written by HINCRBYFLOAT or by hand). */
    static OptionalDouble number(String value, CollectorOutput out, String what) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (Double.isFinite(parsed)) {
                return OptionalDouble.of(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        out.problem(what + " does not hold a number");
        return OptionalDouble.empty();
    }
}
