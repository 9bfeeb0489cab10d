package quantum.safety.cli.settings;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.kernel.settings.Setting;
import quantum.safety.kernel.settings.SettingRow;

/**
 * Renders settings tables as the README's Markdown tables and puts them between the README's markers:
 * {@code <!-- settings: NAME -->} … {@code <!-- /settings -->}.
 */
final class SettingsMarkdown {

    static final Pattern SECTION = Pattern.compile(
            "(<!-- settings: (\\w+) [^\\n]*-->\\n)(.*?)(<!-- /settings -->)", Pattern.DOTALL);

    private SettingsMarkdown() {
    }

    /** The README with every marked section replaced by the tables it names. */
    static String regenerate(String readme) {
        Matcher m = SECTION.matcher(readme);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<Class<? extends SettingRow>> tables = Optional.ofNullable(SettingsTables.README_SECTIONS.get(m.group(2)))
                    .orElseThrow(() -> new IllegalArgumentException("README names an unknown settings table '"
                            + m.group(2) + "'; known: " + SettingsTables.README_SECTIONS.keySet()));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table(tables) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String table(List<Class<? extends SettingRow>> tables) {
        StringBuilder md = new StringBuilder("| flag | env | legacy env | default | unit | meaning |\n"
                + "|---|---|---|---|---|---|\n");
        for (Class<? extends SettingRow> table : tables) {
            for (SettingRow row : SettingsTables.rows(table)) {
                md.append(row(row.setting())).append('\n');
            }
        }
        return md.toString();
    }

    static String row(Setting s) {
        return "| " + String.join(" | ", code(s.flag()), code(s.env()), code(s.legacyEnv()), shownDefault(s),
                cell(s.unit().isEmpty() ? "–" : s.unit()), cell(s.help())) + " |";
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
