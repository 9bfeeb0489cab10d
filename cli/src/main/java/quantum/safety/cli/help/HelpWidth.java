package quantum.safety.cli.help;

import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;

/**
 * How wide help is printed: env {@code COLUMNS} when set to a number (a shell exports it on request, and scripts and
 * tests set it), else the terminal's width as picocli's {@code usageHelpAutoWidth} finds it, else
 * {@value #DEFAULT} columns off a terminal.
 */
final class HelpWidth {

    static final String ENV = "COLUMNS";
    static final int DEFAULT = 80;
    /** Narrower than this nothing reads well; wider than the maximum, lines become hard to follow. */
    static final int MIN = 40;
    static final int MAX = 1000;

    private HelpWidth() {
    }

    static int of(Map<String, String> env, CommandSpec spec) {
        String columns = env.get(ENV);
        if (columns != null && columns.strip().matches("\\d{1,9}")) {
            return Math.max(MIN, Math.min(MAX, Integer.parseInt(columns.strip())));
        }
        return spec.usageMessage().width();
    }
}
