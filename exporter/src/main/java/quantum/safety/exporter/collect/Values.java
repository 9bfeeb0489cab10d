package quantum.safety.exporter.collect;

import java.util.Optional;
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

    /**
     * A "1"/"0" flag, read with the kernel's rule: absent or exactly "0" is off, anything else is on (fail-safe: the
     * kernel blocks on "yes", "true" or " 0"). A value other than "1" is still counted as a problem of the collector,
     * so the odd write gets noticed, but the gauge shows what the kernel enforces.
     */
    static Optional<Boolean> flag(String value, CollectorOutput out, String key) {
        if (value == null || value.equals("0")) {
            return Optional.of(false);
        }
        if (!value.equals("1")) {
            out.problem(key + " holds neither \"1\" nor \"0\"; the kernel reads any value but \"0\" as on");
        }
        return Optional.of(true);
    }
}
