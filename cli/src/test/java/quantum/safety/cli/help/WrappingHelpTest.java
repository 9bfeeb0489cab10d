package quantum.safety.cli.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;
import quantum.safety.cli.Main;

/**
 * Every command's {@code --help} at 60, 80 and 120 columns says word for word what it says unwrapped: lines are broken
 * only at spaces, so no URL, path, flag value or example command is cut, and every line fits unless it holds a single
 * word longer than the width.
 */
class WrappingHelpTest {

    private static final int UNWRAPPED = 1000;
    private static final Pattern URL = Pattern.compile("\\b[a-z+]+://[^\\s'\"]+");
    /** A continued example: the shell joins the lines, and so does the check. */
    private static final Pattern CONTINUED = Pattern.compile(" \\\\\\R +");

    @ParameterizedTest
    @ValueSource(ints = {60, 80, 120})
    void helpIsBrokenOnlyBetweenWordsAndFitsTheWidth(int width) {
        for (List<String> command : commands()) {
            String reference = help(UNWRAPPED, command);
            String wrapped = help(width, command);
            String name = String.join(" ", command) + " at " + width;

            assertThat(words(wrapped)).as(name).isEqualTo(words(reference));
            assertFits(wrapped, width, name);
            for (String url : urls(reference)) {
                assertThat(wrapped.lines()).as(name + " keeps " + url + " on one line").anyMatch(l -> l.contains(url));
            }
            String joined = CONTINUED.matcher(wrapped).replaceAll(" ");
            for (String example : examples(reference)) {
                assertThat(joined).as(name + " runs the example as printed").contains(example);
            }
        }
    }

    @Test
    void anExampleThatDoesNotFitIsContinuedWithABackslashBetweenArguments() {
        String help = help(60, List.of("ctl"));

        assertThat(help).contains("  quantum-safety ctl safe-mode on --latched --reason \\\n"
                .replace("\n", System.lineSeparator()));
        assertThat(help).contains("\"fault spike, investigating\"");
    }

    @Test
    void withoutColumnsOffATerminalHelpIsEightyWide() {
        for (List<String> command : List.of(List.of("ops", "install"), List.of("ctl", "status"))) {
            String help = help(Map.of(), command);
            assertThat(help).isEqualTo(help(80, command));
            assertFits(help, 80, String.join(" ", command));
        }
    }

    @Test
    void aColumnsValueThatIsNoNumberIsIgnored() {
        assertThat(help(Map.of("COLUMNS", "wide"), List.of("ctl"))).isEqualTo(help(Map.of(), List.of("ctl")));
    }

    @Test
    void everySubcommandAnswersVersionLikeTheRoot() {
        String root = run(Map.of(), List.of("--version"));
        assertThat(root).startsWith("quantum-safety 0.1.0-SNAPSHOT");

        for (List<String> command : commands()) {
            List<String> args = new ArrayList<>(command);
            args.add("--version");
            assertThat(run(Map.of(), args)).as(String.join(" ", command)).isEqualTo(root);
        }
    }

    /** Every line fits, but for a line that holds one word (a quoted span counts as one) longer than the width. */
    private static void assertFits(String help, int width, String name) {
        for (String line : help.lines().toList()) {
            if (line.length() > width) {
                assertThat(Wrap.tokens(line.strip().replaceAll(" \\\\$", ""))).as(name + ": only one word may run "
                        + "past the width: " + line).hasSize(1);
            }
        }
    }

    private static String help(int width, List<String> command) {
        return help(Map.of("COLUMNS", Integer.toString(width)), command);
    }

    private static String help(Map<String, String> env, List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        return run(env, args);
    }

    private static String run(Map<String, String> env, List<String> args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.newCommandLine(new HashMap<>(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute(args.toArray(String[]::new))).as(String.join(" ", args)).isZero();
        return out.toString();
    }

    /** The words of a help text, without the shell continuations wrapping adds. */
    private static List<String> words(String help) {
        return Arrays.stream(help.split("\\s+")).filter(w -> !w.isEmpty() && !w.equals("\\")).toList();
    }

    private static List<String> urls(String help) {
        List<String> urls = new ArrayList<>();
        Matcher m = URL.matcher(help);
        while (m.find()) {
            urls.add(m.group());
        }
        return urls;
    }

    /** The example commands of an unwrapped help: its lines that start with "quantum-safety" after the indent. */
    private static List<String> examples(String help) {
        return help.lines().map(String::strip).filter(l -> l.matches("^(\\w+=\\S+ )*quantum-safety .*")).toList();
    }

    /** Every command path below the root, the root included (as the empty path). */
    private static List<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.newCommandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                path.add(name);
                collect(sub, path, into);
                path.remove(path.size() - 1);
            }
        });
    }
}
