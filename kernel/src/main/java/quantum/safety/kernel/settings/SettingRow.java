package quantum.safety.kernel.settings;

/**
 * A row of a component's settings table: an enum constant such as {@code KernelSetting.WINDOW} that holds one
 * {@link Setting}. Code refers to the row; the table is the only place that spells its names.
 */
public interface SettingRow {

    Setting setting();

    /** The flag; for rows that have one (the table's own tests check which do). */
    default String flag() {
        return setting().flag().orElseThrow(() -> new IllegalStateException(setting() + " has no flag"));
    }

    /** The env name; for rows that have one. */
    default String env() {
        return setting().env().orElseThrow(() -> new IllegalStateException(setting() + " has no env name"));
    }

    /** The legacy env name; for rows that have one. */
    default String legacyEnv() {
        return setting().legacyEnv().orElseThrow(() -> new IllegalStateException(setting() + " has no legacy name"));
    }

    /** The env names as an error message names them: {@code NEW_NAME or LEGACY_NAME}, or the one name. */
    default String envNames() {
        return String.join(" or ", setting().envNames());
    }
}
