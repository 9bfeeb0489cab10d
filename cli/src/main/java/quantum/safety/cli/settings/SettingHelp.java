package quantum.safety.cli.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import quantum.safety.kernel.settings.Setting;

/**
 * The {@code --help} text of the table-declared options, as the resource bundle picocli looks descriptions up in: for
 * each option, its help line and a line with its env names and default, keyed by the command's qualified name and
 * the option's name so that two commands' {@code --window} keep their own text.
 */
public final class SettingHelp extends ResourceBundle {

    private final Map<String, String> lines;

    private SettingHelp(Map<String, String> lines) {
        this.lines = lines;
    }

    /** The help of every table-declared option of this command and its subcommands. */
    public static SettingHelp of(CommandLine root) {
        Map<String, String> lines = new LinkedHashMap<>();
        collect(root, lines);
        return new SettingHelp(lines);
    }

    /**
     * The description lines of one setting: its help, then where its value comes from. The legacy name starts a line
     * of its own, so that the help's wrapping never separates "legacy" from the name.
     */
    public static List<String> describe(Setting setting) {
        List<String> description = new ArrayList<>(3);
        description.add(setting.help());
        String defaults = "–".equals(setting.shownDefault()) ? "" : "Default: " + setting.shownDefault() + ".";
        if (setting.env().isPresent() && setting.legacyEnv().isPresent()) {
            description.add("Env: " + setting.env().get() + ",");
            description.add(("legacy " + setting.legacyEnv().get() + ". " + defaults).strip());
        } else if (setting.env().isPresent()) {
            description.add(("Env: " + setting.env().get() + ". " + defaults).strip());
        } else if (!defaults.isEmpty()) {
            description.add(defaults);
        }
        return description;
    }

    private static void collect(CommandLine command, Map<String, String> lines) {
        CommandSpec spec = command.getCommandSpec();
        for (OptionSpec option : spec.options()) {
            OptionSettings.of(option).ifPresent(setting -> {
                String key = spec.qualifiedName(".") + "." + option.longestName().replaceFirst("^-+", "");
                List<String> description = describe(setting);
                for (int i = 0; i < description.size(); i++) {
                    // Descriptions are format strings: a literal percent sign is written twice.
                    lines.put(key + "." + i, description.get(i).replace("%", "%%"));
                }
            });
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, lines));
    }

    @Override
    protected Object handleGetObject(String key) {
        return lines.get(key);
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(lines.keySet());
    }
}
