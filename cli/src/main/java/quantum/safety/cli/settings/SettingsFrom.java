package quantum.safety.cli.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import quantum.safety.kernel.settings.SettingRow;

/**
 * Names the settings table that declares the options of a command or mixin class: each {@code @Option} there takes its
 * default, env twin and help from the row with its flag ({@link CommandSettings}), so the annotation holds only the
 * option's names, type and label.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SettingsFrom {

    /** An enum of {@link SettingRow}s, e.g. {@code KernelSetting.class}. */
    Class<? extends SettingRow> value();
}
