package quantum.safety.cli.help;

import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code --help} at the terminal's width ({@link HelpWidth}) that never cuts a URL, a path, a flag with its value or
 * an example command: picocli chooses what each section says, this class how it is broken into lines ({@link Wrap}).
 *
 * <p>In descriptions and footers a line that starts with two spaces is an example command: it is continued with the
 * shell's {@code \} so that each line can be copied as printed; any other line is prose.
 */
public final class WrappingHelp extends Help {

    private static final String NL = System.lineSeparator();

    private final int width;

    WrappingHelp(CommandSpec spec, ColorScheme scheme, int width) {
        super(spec, scheme);
        this.width = width;
    }

    /**
     * Wires this help into a command line and all its subcommands, and gives every subcommand the root's
     * {@code --version}, so that {@code quantum-safety ops install --version} answers like {@code quantum-safety
     * --version}. {@code env} is where {@code COLUMNS} is read.
     */
    public static CommandLine install(CommandLine root, Map<String, String> env) {
        root.setHelpFactory((spec, scheme) -> new WrappingHelp(spec, scheme, HelpWidth.of(env, spec)));
        CommandLine.IVersionProvider version = root.getCommandSpec().versionProvider();
        forEach(root, command -> {
            CommandSpec spec = command.getCommandSpec();
            spec.usageMessage().autoWidth(true);
            if (spec.versionProvider() == null && spec.version().length == 0) {
                spec.versionProvider(version);
            }
        });
        return root;
    }

    private static void forEach(CommandLine command, java.util.function.Consumer<CommandLine> action) {
        action.accept(command);
        command.getSubcommands().values().forEach(sub -> forEach(sub, action));
    }

    @Override
    public Layout createDefaultLayout() {
        CommandSpec spec = commandSpec();
        int longOptions = calcLongOptionColumnWidth(spec.options(), spec.positionalParameters(), colorScheme());
        return new OptionColumns(colorScheme(), longOptions, width, createDefaultOptionRenderer(),
                createDefaultParameterRenderer());
    }

    /** The synopsis, continued under the command's options (or under "Usage:" when the name is long). */
    @Override
    protected String insertSynopsisCommandName(int headingLength, Text details) {
        String name = commandSpec().qualifiedName();
        int indent = headingLength + name.length() + 1;
        if (indent > width / 2) {
            indent = headingLength;
        }
        Text synopsis = colorScheme().commandText(name).concat(details);
        List<Text> lines = Wrap.prose(synopsis, width - headingLength, width - indent);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "" : " ".repeat(indent)).append(lines.get(i)).append(NL);
        }
        return out.toString();
    }

    @Override
    public String header(Object... params) {
        return paragraphs(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String description(Object... params) {
        return paragraphs(commandSpec().usageMessage().description(), params);
    }

    @Override
    public String footer(Object... params) {
        return paragraphs(commandSpec().usageMessage().footer(), params);
    }

    /** Subcommands with the first line of their header or description, wrapped beside the names. */
    @Override
    public String commandList(Map<String, Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int longest = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        int nameWidth = Math.min(longest, commandSpec().usageMessage().longOptionsMaxWidth());
        int descriptionColumn = nameWidth + 4;
        StringBuilder out = new StringBuilder();
        for (Help sub : subcommands.values()) {
            UsageMessageSpec usage = sub.commandSpec().usageMessage();
            String first = usage.header().length > 0 ? usage.header()[0]
                    : usage.description().length > 0 ? usage.description()[0] : "";
            Text names = sub.commandNamesText(", ");
            int namesLength = 2 + names.plainString().length();
            boolean namesAlone = namesLength + 1 > descriptionColumn;
            if (namesAlone) {
                out.append("  ").append(names).append(NL);
            }
            List<Text> lines = Wrap.prose(colorScheme().text(String.format(first)), width - descriptionColumn,
                    width - descriptionColumn - OptionColumns.WRAPPED_INDENT);
            for (int i = 0; i < lines.size(); i++) {
                String prefix = i == 0 && !namesAlone ? "  " + names + " ".repeat(descriptionColumn - namesLength)
                        : " ".repeat(descriptionColumn + (i == 0 ? 0 : OptionColumns.WRAPPED_INDENT));
                out.append(prefix).append(lines.get(i)).append(NL);
            }
        }
        return out.toString();
    }

    /**
     * Description-like lines: prose wrapped at the width, example commands continued with {@code \}. An example the
     * source already continues over several lines is joined first, then broken where this width needs it.
     */
    private String paragraphs(String[] source, Object... params) {
        StringBuilder out = new StringBuilder();
        Text command = null;
        int commandIndent = 0;
        for (String format : source) {
            for (Text line : colorScheme().text(String.format(format, params)).splitLines()) {
                String plain = line.plainString();
                int indent = Wrap.leadingSpaces(plain);
                if (command != null) {
                    command = command.concat(" ").concat(line.substring(indent));
                } else if (indent >= 2 && indent < plain.length()) {
                    command = line.substring(indent);
                    commandIndent = indent;
                } else if (indent == plain.length()) {
                    out.append(NL);
                } else {
                    Wrap.prose(line.substring(indent), width - indent, width - indent)
                            .forEach(l -> out.append(" ".repeat(indent)).append(l).append(NL));
                }
                if (command != null) {
                    String text = command.plainString().stripTrailing();
                    if (text.endsWith(Wrap.CONTINUATION)) {
                        command = command.substring(0, text.length() - Wrap.CONTINUATION.length());
                    } else {
                        Wrap.command(command, commandIndent, width).forEach(l -> out.append(l).append(NL));
                        command = null;
                    }
                }
            }
        }
        if (command != null) {
            Wrap.command(command, commandIndent, width).forEach(l -> out.append(l).append(NL));
        }
        return out.toString();
    }
}
