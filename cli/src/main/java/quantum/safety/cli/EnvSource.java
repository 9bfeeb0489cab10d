package quantum.safety.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.cli.settings.SettingDefaults;

/**
 * A bad value can come from a flag's env twin, where picocli and most messages only name the flag: an operator who
 * never typed the flag then looks in the wrong place. These add the variable, and the flag that overrides it.
 */
final class EnvSource {

    /** picocli's conversion error: {@code Invalid value for option '--x': 'v' is not a duration; …}. */
    private static final Pattern INVALID = Pattern.compile("^Invalid value for option '[^']+': '(.*?)' (.*)$");

    private EnvSource() {
    }

    /** picocli refused an option's value; when the value came from env, the line says so. */
    static String invalidValue(ArgSpec arg, String line, String[] args) {
        if (!(arg instanceof OptionSpec option)) {
            return line;
        }
        Optional<String> env = envName(option, args);
        Matcher invalid = INVALID.matcher(line);
        if (env.isEmpty() || !invalid.matches()) {
            return line;
        }
        return "env " + env.get() + "='" + invalid.group(1) + "' " + invalid.group(2) + "; fix it there, or override "
                + "it with " + option.longestName();
    }

    /** A message about one of the command's flags whose value came from env gets the variable's name. */
    static String name(CommandLine cmd, String line, String[] args) {
        for (OptionSpec option : cmd.getCommandSpec().options()) {
            Optional<String> env = envName(option, args);
            if (env.isPresent() && mentions(line, option.longestName()) && !line.contains(env.get())) {
                return line + " (the value comes from env " + env.get() + "; fix it there, or override it with "
                        + option.longestName() + ")";
            }
        }
        return line;
    }

    /** The env variable that gave the option its value, when the command line did not. */
    private static Optional<String> envName(OptionSpec option, String[] args) {
        boolean typed = Arrays.stream(args).anyMatch(a -> Arrays.stream(option.names())
                .anyMatch(n -> a.equals(n) || a.startsWith(n + "=")));
        if (typed || !(option.command().defaultValueProvider() instanceof SettingDefaults defaults)) {
            return Optional.empty();
        }
        return defaults.envName(option);
    }

    /** The flag as a word of the line ({@code --window} in "--window='x'", not in "--window-size"). */
    private static boolean mentions(String line, String flag) {
        return Pattern.compile(Pattern.quote(flag) + "(?![\\w.-])").matcher(line).find();
    }
}
