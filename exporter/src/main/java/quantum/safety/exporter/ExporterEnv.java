package quantum.safety.exporter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import quantum.safety.kernel.settings.SettingEnv;

/**
 * The exporter's settings that come from env only (its flags take theirs through the command line): the kernels'
 * limits the status page shows counts against, and the legacy polling settings it ignores.
 */
public final class ExporterEnv {

    private final SettingEnv env;

    public ExporterEnv(Map<String, String> env) {
        this.env = SettingEnv.of(env);
    }

    /**
     * {@link ExporterSetting#KERNEL_GLOBAL_MAX} or {@link ExporterSetting#KERNEL_SYMBOL_MAX}, from the same env names
     * the kernel reads; a value that is not a positive whole number throws {@link IllegalArgumentException} naming
     * the variable.
     */
    public int kernelLimit(ExporterSetting row) {
        return env.exact(row).map(v -> {
            try {
                int n = Integer.parseInt(v.text().trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("env " + v.name() + "='" + v.text() + "' is not a positive whole number");
        }).orElseGet(() -> Integer.parseInt(row.setting().defaultValue().orElseThrow()));
    }

    /** One line for each ignored legacy setting that is set, saying why (its help: "Ignored: why."). */
    public List<String> ignoredSettingNotes() {
        List<String> notes = new ArrayList<>();
        for (ExporterSetting row : ExporterSetting.ignored()) {
            env.exact(row).ifPresent(v -> {
                String help = row.setting().help().replaceFirst("\\.$", "");
                notes.add(v.name() + " is " + help.substring(0, 1).toLowerCase(Locale.ROOT) + help.substring(1));
            });
        }
        return notes;
    }
}
