package quantum.safety.cli.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.cli.Main;
import quantum.safety.kernel.settings.Setting;

/** Every option of every command of {@code quantum-safety}, with the command that takes it, as the user types it. */
final class CommandOptions {

    /** An option and its command, e.g. {@code ops install}. */
    record Taken(String command, OptionSpec option) {
    }

    private CommandOptions() {
    }

    /** In the order the commands and their options are declared. */
    static List<Taken> all() {
        List<Taken> all = new ArrayList<>();
        collect(Main.newCommandLine(Map.of()), all);
        return all;
    }

    /** The commands that take each table-declared setting; a setting two tables share counts as one. */
    static Map<Setting, List<String>> users() {
        Map<Setting, List<String>> users = new LinkedHashMap<>();
        for (Taken taken : all()) {
            OptionSettings.of(taken.option()).ifPresent(setting -> {
                List<String> commands = users.computeIfAbsent(setting, s -> new ArrayList<>());
                if (!commands.contains(taken.command())) {
                    commands.add(taken.command());
                }
            });
        }
        return users;
    }

    private static void collect(CommandLine command, List<Taken> into) {
        String root = command.getCommandSpec().root().name();
        String name = command.getCommandSpec().qualifiedName(" ").substring(root.length()).strip();
        command.getCommandSpec().options().forEach(option -> into.add(new Taken(name, option)));
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
