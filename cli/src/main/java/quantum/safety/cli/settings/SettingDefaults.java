package quantum.safety.cli.settings;

import java.util.Optional;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import quantum.safety.kernel.settings.SettingEnv;

/**
 * Gives each table-declared option its default: the env value (the env name, else the legacy one; empty counts as
 * unset), else the table's default. A flag on the command line wins over both, as picocli applies defaults first.
 * Options outside the tables keep their annotation's default.
 */
public final class SettingDefaults implements IDefaultValueProvider {

    private final SettingEnv env;

    public SettingDefaults(SettingEnv env) {
        this.env = env;
    }

    /** The env variable that gives the option its value (the env name, else the legacy one); empty when none does. */
    public Optional<String> envName(ArgSpec arg) {
        return OptionSettings.of(arg).flatMap(env::exact).map(SettingEnv.Value::name);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return OptionSettings.of(arg)
                .map(setting -> env.exact(setting).map(SettingEnv.Value::text).or(setting::defaultValue).orElse(null))
                .orElse(null);
    }
}
