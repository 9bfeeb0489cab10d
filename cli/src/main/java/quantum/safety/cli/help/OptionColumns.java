package quantum.safety.cli.help;

import java.util.List;

import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The option and parameter lists: picocli's renderers say what goes in each column (marker, short name, long name with
 * its label, description lines), and this layout writes them, wrapping descriptions with {@link Wrap#prose} instead of
 * picocli's table, which breaks inside a URL or a flag's value.
 *
 * <p>When the description column would be narrower than {@link #MIN_DESCRIPTION} (a small terminal), descriptions go
 * under the names instead, {@link #STACKED_INDENT} deep, where they have most of the width.
 */
final class OptionColumns extends Help.Layout {

    static final int MIN_DESCRIPTION = 40;
    static final int STACKED_INDENT = 10;
    /** How much deeper picocli starts the continued lines of one description line; kept for the familiar look. */
    static final int WRAPPED_INDENT = 2;

    private final int width;
    private final StringBuilder out = new StringBuilder();

    OptionColumns(ColorScheme scheme, int longOptionsWidth, int width, Help.IOptionRenderer options,
                  Help.IParameterRenderer parameters) {
        super(scheme, TextTable.forDefaultColumns(scheme, longOptionsWidth, Math.max(width, 80)), options, parameters);
        this.width = width;
    }

    @Override
    public void layout(ArgSpec arg, Text[][] rows) {
        Column[] columns = textTable().columns();
        int last = columns.length - 1;
        Text names = names(rows[0], columns);
        int descriptionColumn = 0;
        for (int i = 0; i < last; i++) {
            descriptionColumn += columns[i].width;
        }
        descriptionColumn += columns[last].indent;
        boolean stacked = width - descriptionColumn < MIN_DESCRIPTION;
        int indent = stacked ? STACKED_INDENT : descriptionColumn;
        boolean namesAlone = stacked || names.plainString().length() + 1 > descriptionColumn;
        if (namesAlone) {
            line(names.toString());
        }
        for (int row = 0; row < rows.length; row++) {
            Text description = rows[row][last];
            List<Text> lines = Wrap.prose(description, width - indent, width - indent - WRAPPED_INDENT);
            for (int i = 0; i < lines.size(); i++) {
                String prefix = row == 0 && i == 0 && !namesAlone
                        ? names + " ".repeat(indent - names.plainString().length())
                        : " ".repeat(indent + (i == 0 ? 0 : WRAPPED_INDENT));
                line(prefix + lines.get(i));
            }
            if (lines.isEmpty() && row == 0 && !namesAlone) {
                line(names.toString());
            }
        }
    }

    /** The name columns of the first row, each at its column's place (a long one runs into the next). */
    private Text names(Text[] row, Column[] columns) {
        Text names = colorScheme().text("");
        int columnStart = 0;
        for (int i = 0; i < columns.length - 1; i++) {
            if (!row[i].plainString().isEmpty()) {
                int at = columnStart + columns[i].indent;
                int length = names.plainString().length();
                names = names.concat(" ".repeat(Math.max(0, at - length))).concat(row[i]);
            }
            columnStart += columns[i].width;
        }
        return names;
    }

    private void line(String text) {
        out.append(text.stripTrailing()).append(System.lineSeparator());
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
