package quantum.safety.kernel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads kernel settings from an environment map; every error names the variable that holds the bad value. */
final class EnvReader {

    /** A value and the variable it came from. */
    record Value(String name, String value) {
    }

    private final Map<String, String> env;

    EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Optional<Value> value(EnvNames setting) {
        String current = env.get(setting.envName());
        if (current != null && !current.isBlank()) {
            return Optional.of(new Value(setting.envName(), current.trim()));
        }
        return setting.legacyName()
                .filter(legacy -> env.get(legacy) != null && !env.get(legacy).isBlank())
                .map(legacy -> new Value(legacy, env.get(legacy).trim()));
    }

    /** Whole seconds, optionally written with an {@code s} suffix ({@code 10} or {@code 10s}); at least 1. */
    int seconds(EnvNames setting, int fallback) {
        return value(setting).map(v -> positive(v, v.value().endsWith("s")
                ? v.value().substring(0, v.value().length() - 1) : v.value(), "a whole number of seconds", "10"))
                .orElse(fallback);
    }

    /** A positive count of intents. */
    int count(EnvNames setting, int fallback) {
        return value(setting).map(v -> positive(v, v.value(), "a positive whole number", "20")).orElse(fallback);
    }

    boolean flag(EnvNames setting, boolean fallback) {
        return value(setting).map(v -> switch (v.value().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(v.name() + "='" + v.value()
                    + "' is not a boolean; use true or false");
        }).orElse(fallback);
    }

    private static int positive(Value v, String digits, String expected, String example) {
        try {
            int parsed = Integer.parseInt(digits);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(v.name() + "='" + v.value() + "' is not " + expected + "; set e.g. "
                + v.name() + "=" + example);
    }
}
