package quantum.safety.cli.help;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Help.Ansi.Text;

/**
 * Line breaking for help text that only ever breaks at a space: a URL, a path or a flag with its value stays whole,
 * and so does a quoted span ({@code --reason "fault spike, investigating"}), because an operator copies them. A token
 * longer than the line gets a line of its own and runs past the width rather than being cut.
 *
 * <p>Works on picocli's styled {@link Text}: positions are found in the plain text and the slices keep their colours.
 */
final class Wrap {

    /** What ends a command line that goes on: the shell's line continuation. */
    static final String CONTINUATION = " \\";
    /** How much deeper a continued command line starts. */
    static final int CONTINUATION_INDENT = 4;

    private Wrap() {
    }

    /** A token's place in the plain text: {@code [start, end)}. */
    record Token(int start, int end) {
    }

    /**
     * The tokens of a text: runs without spaces, where a quote that opens a token (or a value after {@code =}) holds
     * everything up to its closing quote together. An apostrophe inside a word ("the kernel's") opens nothing.
     */
    static List<Token> tokens(String plain) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < plain.length()) {
            if (plain.charAt(i) == ' ') {
                i++;
                continue;
            }
            int start = i;
            while (i < plain.length() && plain.charAt(i) != ' ') {
                char c = plain.charAt(i);
                boolean opensQuote = (c == '\'' || c == '"') && (i == start || plain.charAt(i - 1) == '=');
                int close = opensQuote ? plain.indexOf(c, i + 1) : -1;
                i = close > 0 ? close + 1 : i + 1;
            }
            tokens.add(new Token(start, i));
        }
        return tokens;
    }

    /**
     * Prose: lines of at most {@code firstWidth} columns, then {@code nextWidth}, filled greedily, broken only between
     * tokens, without the spaces at the breaks.
     */
    static List<Text> prose(Text text, int firstWidth, int nextWidth) {
        List<Token> tokens = tokens(text.plainString());
        List<Text> lines = new ArrayList<>();
        int lineStart = -1;
        int lineEnd = -1;
        for (Token token : tokens) {
            int limit = lines.isEmpty() ? firstWidth : nextWidth;
            if (lineStart >= 0 && token.end() - lineStart > limit) {
                lines.add(text.substring(lineStart, lineEnd));
                lineStart = -1;
            }
            if (lineStart < 0) {
                lineStart = token.start();
            }
            lineEnd = token.end();
        }
        if (lineStart >= 0) {
            lines.add(text.substring(lineStart, lineEnd));
        }
        return lines;
    }

    /**
     * An example command: broken between its arguments with the shell's {@code \} so that every line can be copied
     * and still runs; continued lines start {@link #CONTINUATION_INDENT} deeper.
     *
     * @param indent where the command starts
     */
    static List<String> command(Text text, int indent, int width) {
        List<Token> tokens = tokens(text.plainString());
        List<String> lines = new ArrayList<>();
        int lineStart = -1;
        int lineEnd = -1;
        for (Token token : tokens) {
            int start = lines.isEmpty() ? indent : indent + CONTINUATION_INDENT;
            if (lineStart >= 0 && start + token.end() - lineStart + CONTINUATION.length() > width) {
                lines.add(" ".repeat(start) + text.substring(lineStart, lineEnd) + CONTINUATION);
                lineStart = -1;
            }
            if (lineStart < 0) {
                lineStart = token.start();
            }
            lineEnd = token.end();
        }
        if (lineStart >= 0) {
            int start = lines.isEmpty() ? indent : indent + CONTINUATION_INDENT;
            lines.add(" ".repeat(start) + text.substring(lineStart, lineEnd));
        }
        return lines;
    }

    /** The number of spaces a plain text starts with. */
    static int leadingSpaces(String plain) {
        int n = 0;
        while (n < plain.length() && plain.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
