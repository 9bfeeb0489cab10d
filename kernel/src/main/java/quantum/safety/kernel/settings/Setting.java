package quantum.safety.kernel.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One setting, declared once in its component's table: its flag, its env name, the legacy env name the replaced
 * system read (if any), its default, its unit and one line of help. The env parsing, the command line's defaults and
 * help, and the README tables all come from it. An immutable snapshot made with {@link #builder()}.
 *
 * <p>A setting has at least one of a flag, an env name and a legacy env name: the Redis password has no flag (it never
 * comes from argv), the legacy Redis host has only its legacy name, {@code --no-collector.top5-info} no env.
 */
public final class Setting {

    private static final Pattern FLAG = Pattern.compile("--[a-z0-9][a-z0-9.-]*");
    private static final Pattern ENV = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final Optional<String> flag;
    private final Optional<String> env;
    private final Optional<String> legacyEnv;
    private final Optional<String> defaultValue;
    private final Optional<String> shownDefault;
    private final String unit;
    private final String help;

    private Setting(Builder b) {
        this.flag = Optional.ofNullable(b.flag);
        this.env = Optional.ofNullable(b.env);
        this.legacyEnv = Optional.ofNullable(b.legacyEnv);
        this.defaultValue = Optional.ofNullable(b.defaultValue);
        this.shownDefault = Optional.ofNullable(b.shownDefault);
        this.unit = b.unit == null ? "" : b.unit;
        this.help = b.help;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this setting's values, to declare a setting that differs from this one in a few. */
    public Builder toBuilder() {
        return new Builder().flag(flag.orElse(null)).env(env.orElse(null)).legacyEnv(legacyEnv.orElse(null))
                .defaultValue(defaultValue.orElse(null)).shownDefault(shownDefault.orElse(null)).unit(unit).help(help);
    }

    /** The long option, e.g. {@code --window}; empty for a setting that only env sets. */
    public Optional<String> flag() {
        return flag;
    }

    /** The env name, e.g. {@code QUANTUM_SAFETY_KERNEL_ID}; it wins over the legacy one. */
    public Optional<String> env() {
        return env;
    }

    /** The name the replaced system read, e.g. the legacy kernel's name of the window; it keeps working. */
    public Optional<String> legacyEnv() {
        return legacyEnv;
    }

    /** The env names, the new one first. */
    public List<String> envNames() {
        List<String> names = new ArrayList<>(2);
        env.ifPresent(names::add);
        legacyEnv.ifPresent(names::add);
        return List.copyOf(names);
    }

    /** The value when neither flag nor env gives one, as a flag would spell it; empty when there is none. */
    public Optional<String> defaultValue() {
        return defaultValue;
    }

    /** How documentation shows the default: a stated text ({@code --global-max}), the value, or "empty"/"none". */
    public String shownDefault() {
        return shownDefault.orElseGet(() -> defaultValue.map(v -> v.isEmpty() ? "empty" : v).orElse("none"));
    }

    /** The unit or the values it takes, e.g. {@code seconds}, {@code open|closed}; may be empty. */
    public String unit() {
        return unit;
    }

    /** One line of help. */
    public String help() {
        return help;
    }

    /** The flag, else the env name, else the legacy name: what an operator sets. */
    public String name() {
        return flag.or(() -> env).or(() -> legacyEnv).orElseThrow();
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Setting s && flag.equals(s.flag) && env.equals(s.env) && legacyEnv.equals(s.legacyEnv)
                && defaultValue.equals(s.defaultValue) && shownDefault.equals(s.shownDefault) && unit.equals(s.unit)
                && help.equals(s.help);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flag, env, legacyEnv, defaultValue, shownDefault, unit, help);
    }

    public static final class Builder {
        private String flag;
        private String env;
        private String legacyEnv;
        private String defaultValue;
        private String shownDefault;
        private String unit;
        private String help;

        private Builder() {
        }

        public Builder flag(String value) {
            this.flag = value;
            return this;
        }

        public Builder env(String value) {
            this.env = value;
            return this;
        }

        public Builder legacyEnv(String value) {
            this.legacyEnv = value;
            return this;
        }

        public Builder defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        /** What documentation shows instead of the value, e.g. {@code --global-max} for a default that follows it. */
        public Builder shownDefault(String value) {
            this.shownDefault = value;
            return this;
        }

        public Builder unit(String value) {
            this.unit = value;
            return this;
        }

        public Builder help(String value) {
            this.help = value;
            return this;
        }

        /** Validates the names and builds; the {@link IllegalArgumentException} names what is wrong. */
        public Setting build() {
            if (flag == null && env == null && legacyEnv == null) {
                throw new IllegalArgumentException("a setting needs a flag, an env name or a legacy env name");
            }
            if (flag != null && !FLAG.matcher(flag).matches()) {
                throw new IllegalArgumentException("flag '" + flag + "' is not a long option such as --window");
            }
            for (String name : new String[] {env, legacyEnv}) {
                if (name != null && !ENV.matcher(name).matches()) {
                    throw new IllegalArgumentException("env name '" + name + "' is not upper case with underscores");
                }
            }
            if (help == null || help.isBlank() || help.contains("\n")) {
                throw new IllegalArgumentException((flag != null ? flag : env != null ? env : legacyEnv)
                        + ": the help is one line of text");
            }
            return new Setting(this);
        }
    }
}
