package quantum.safety.cli.ctl;

import picocli.CommandLine.Help.Ansi;

/**
 * Colours and the terminal test. Colours come from picocli's {@code @|…|@} markup with {@link Ansi#AUTO} (only on a
 * terminal, and never with NO_COLOR). Markup is applied to constant labels only: values from Redis are appended
 * after rendering, so a symbol such as {@code @|red x|@} is printed as written.
 */
final class Terminal {

    private Terminal() {
    }

    static boolean interactive() {
        return System.console() != null;
    }

    /** Renders markup such as {@code @|bold,red SAFE MODE ON|@}; plain text off a terminal. */
    static String style(String markup) {
        return Ansi.AUTO.string(markup);
    }
}
