package quantum.safety.cli.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * Renders settings tables as Markdown tables and puts them between a document's markers:
 * {@code <!-- settings: NAME … -->} … {@code <!-- /settings -->}.
 */
final class SettingsMarkdown {

    static final String MARKER = "<!-- settings:";
    static final String END_MARKER = "<!-- /settings -->";
    static final Pattern SECTION = Pattern.compile(
            "(<!-- settings: (\\w+) [^\\n]*-->\\n)(.*?)(<!-- /settings -->)", Pattern.DOTALL);

    private SettingsMarkdown() {
    }

    /**
     * The document with every marked section replaced by the tables it names; {@code users} gives the commands that
     * take each setting, for the sections that name them.
     */
    static String regenerate(String document, Map<Setting, List<String>> users) {
        Matcher m = SECTION.matcher(document);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            SettingsTables.Section section = Optional.ofNullable(SettingsTables.SECTIONS.get(m.group(2)))
                    .orElseThrow(() -> new IllegalArgumentException("a document names an unknown settings table '"
                            + m.group(2) + "'; known: " + SettingsTables.SECTIONS.keySet()));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table(section, users) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String table(SettingsTables.Section section, Map<Setting, List<String>> users) {
        StringBuilder md = new StringBuilder("| flag | env | legacy env | default | unit | meaning |\n"
                + "|---|---|---|---|---|---|\n");
        for (Class<? extends SettingRow> table : section.tables()) {
            for (SettingRow row : SettingsTables.rows(table)) {
                Setting setting = row.setting();
                md.append(section.usedBy() ? row(setting, commands(setting, users)) : row(setting)).append('\n');
            }
        }
        return md.toString();
    }

    static String row(Setting s) {
        return row(s, s.help());
    }

    /** A row whose meaning starts with the commands that take the setting. */
    static String row(Setting s, List<String> commands) {
        return row(s, commands.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")) + " — " + s.help());
    }

    private static String row(Setting s, String meaning) {
        return "| " + String.join(" | ", code(s.flag()), code(s.env()), code(s.legacyEnv()), shownDefault(s),
                cell(s.unit().isEmpty() ? "–" : s.unit()), cell(meaning)) + " |";
    }

    private static List<String> commands(Setting setting, Map<Setting, List<String>> users) {
        List<String> commands = users.getOrDefault(setting, List.of());
        if (commands.isEmpty()) {
            throw new IllegalStateException(setting + " is listed with the commands that take it, but none does");
        }
        return commands;
    }

    /** A value, flag or placeholder as code; a description of the default ("until Ctrl-C", "none") as text. */
    private static String shownDefault(Setting s) {
        String shown = s.shownDefault();
        boolean described = shown.contains(" ") || shown.equals("none") || shown.equals("empty") || shown.equals("–");
        return described ? cell(shown) : code(Optional.of(shown));
    }

    private static String code(Optional<String> value) {
        return value.map(v -> "`" + v.replace("|", "\\|") + "`").orElse("–");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
