package quantum.safety.kernel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import quantum.safety.kernel.settings.SettingEnv;
import quantum.safety.kernel.settings.SettingEnv.Value;

/**
 * Reads the kernel's settings ({@link KernelSetting}) from an environment map; every error names the variable that
 * holds the bad value.
 */
final class EnvReader {

    private final SettingEnv env;

    EnvReader(Map<String, String> env) {
        this.env = SettingEnv.of(env);
    }

    Optional<Value> value(KernelSetting setting) {
        return env.value(setting);
    }

    /** Whole seconds, optionally written with an {@code s} suffix ({@code 10} or {@code 10s}); at least 1. */
    int seconds(KernelSetting setting, int fallback) {
        return value(setting).map(v -> positive(v, v.text().endsWith("s")
                ? v.text().substring(0, v.text().length() - 1) : v.text(), "a whole number of seconds", "10"))
                .orElse(fallback);
    }

    /** A positive count of intents. */
    int count(KernelSetting setting, int fallback) {
        return value(setting).map(v -> positive(v, v.text(), "a positive whole number", "20")).orElse(fallback);
    }

    boolean flag(KernelSetting setting, boolean fallback) {
        return value(setting).map(v -> switch (v.text().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(v.name() + "='" + v.text()
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
        throw new IllegalArgumentException(v.name() + "='" + v.text() + "' is not " + expected + "; set e.g. "
                + v.name() + "=" + example);
    }
}
