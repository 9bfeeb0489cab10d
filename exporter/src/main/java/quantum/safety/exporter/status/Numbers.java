package quantum.safety.exporter.status;

import java.util.OptionalLong;

/** Integers as Redis holds them; anything else is a problem, never an exception. */
final class Numbers {

    private Numbers() {
    }

    static OptionalLong count(String value, String what, Problems problems) {
        if (value == null) {
            return OptionalLong.of(0);
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            // A float written by HINCRBYFLOAT is still a count.
            try {
                double d = Double.parseDouble(value.trim());
                if (Double.isFinite(d)) {
                    return OptionalLong.of((long) d);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(what + " does not hold a number");
            return OptionalLong.empty();
        }
    }
}
