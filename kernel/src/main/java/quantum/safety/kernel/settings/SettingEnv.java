package quantum.safety.kernel.settings;

import java.util.Map;
import java.util.Optional;

/**
 * Reads settings from an environment: the env name wins, the legacy name keeps working, and a variable that is empty
 * (or, for {@link #value}, only white space) counts as unset. Every reader of env settings goes through here, so the
 * library, the command line and the exporter agree on which variable wins.
 */
public final class SettingEnv {

    /** A value and the variable it came from, so that an error can name the variable. */
    public record Value(String name, String text) {
    }

    private final Map<String, String> env;

    private SettingEnv(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static SettingEnv of(Map<String, String> env) {
        return new SettingEnv(env);
    }

    /** The process environment. */
    public static SettingEnv system() {
        return of(System.getenv());
    }

    /** The value, trimmed; blank counts as unset. */
    public Optional<Value> value(SettingRow row) {
        return value(row.setting());
    }

    /** The value, trimmed; blank counts as unset. */
    public Optional<Value> value(Setting setting) {
        for (String name : setting.envNames()) {
            String text = env.get(name);
            if (text != null && !text.isBlank()) {
                return Optional.of(new Value(name, text.trim()));
            }
        }
        return Optional.empty();
    }

    /** The value exactly as set (a password keeps its spaces); empty counts as unset. */
    public Optional<Value> exact(SettingRow row) {
        return exact(row.setting());
    }

    /** The value exactly as set (a password keeps its spaces); empty counts as unset. */
    public Optional<Value> exact(Setting setting) {
        for (String name : setting.envNames()) {
            String text = env.get(name);
            if (text != null && !text.isEmpty()) {
                return Optional.of(new Value(name, text));
            }
        }
        return Optional.empty();
    }
}
