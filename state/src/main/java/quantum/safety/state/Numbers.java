package quantum.safety.state;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The numbers Redis holds as strings, parsed by one rule for every reader; anything else is a problem. */
final class Numbers {

    private Numbers() {
    }

    /** An integer counter such as {@code safety:rate:global:<bucket>} (written by INCR); absent counts as 0. */
    static OptionalLong counter(String value, String key, Problems problems) {
        if (value == null) {
            return OptionalLong.of(0);
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            problems.add(key + " does not hold an integer");
            return OptionalLong.empty();
        }
    }

    /** A hash field counter (written by HINCRBY, HINCRBYFLOAT or by hand): any finite number; absent is empty. */
    static OptionalDouble number(String value, String what, Problems problems) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        OptionalDouble parsed = finite(value);
        if (parsed.isEmpty()) {
            problems.add(what + " does not hold a number");
        }
        return parsed;
    }

    /** A finite number, or empty for anything else (text, NaN, infinity). */
    static OptionalDouble finite(String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            return Double.isFinite(parsed) ? OptionalDouble.of(parsed) : OptionalDouble.empty();
        } catch (NumberFormatException | NullPointerException e) {
            return OptionalDouble.empty();
        }
    }
}
