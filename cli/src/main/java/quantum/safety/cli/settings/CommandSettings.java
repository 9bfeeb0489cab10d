package quantum.safety.cli.settings;

import java.util.Map;

import picocli.CommandLine;
import quantum.safety.kernel.settings.SettingEnv;

/**
 * Wires the settings tables into a command line: defaults and env twins through {@link SettingDefaults}, help text
 * through {@link SettingHelp}, for the command and all its subcommands.
 */
public final class CommandSettings {

    private CommandSettings() {
    }

    /** With the process environment. */
    public static CommandLine install(CommandLine command) {
        return install(command, System.getenv());
    }

    /** With the given environment (tests). Call after every subcommand is added. */
    public static CommandLine install(CommandLine command, Map<String, String> env) {
        command.setDefaultValueProvider(new SettingDefaults(SettingEnv.of(env)));
        command.setResourceBundle(SettingHelp.of(command));
        return command;
    }
}
