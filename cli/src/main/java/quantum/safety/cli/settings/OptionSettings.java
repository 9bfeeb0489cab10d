package quantum.safety.cli.settings;

import java.lang.reflect.Member;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/** Finds the table row of a picocli option: the row with its flag, in the table its declaring class names. */
public final class OptionSettings {

    private OptionSettings() {
    }

    /** The setting of an option declared in a class marked {@link SettingsFrom}; empty for any other argument. */
    public static Optional<Setting> of(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !(arg.userObject() instanceof Member member)) {
            return Optional.empty();
        }
        List<String> names = Arrays.asList(option.names());
        return table(member.getDeclaringClass()).stream()
                .map(SettingRow::setting)
                .filter(s -> s.flag().filter(names::contains).isPresent())
                .findFirst();
    }

    /** The rows of the table a class names, or none. */
    public static List<SettingRow> table(Class<?> declaringClass) {
        SettingsFrom from = declaringClass.getAnnotation(SettingsFrom.class);
        if (from == null) {
            return List.of();
        }
        SettingRow[] rows = from.value().getEnumConstants();
        if (rows == null) {
            throw new IllegalStateException("@SettingsFrom(" + from.value().getName() + ") is not an enum table");
        }
        return List.of(rows);
    }
}
