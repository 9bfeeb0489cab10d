package quantum.safety.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to exit codes by their type, with one clear line on stderr.
 *
 * <p>Exit 2 is bad input, and only two types say so: {@link UsageException} and picocli's {@link ParameterException}.
 * A library's validation error (an {@link IllegalArgumentException} from an {@code Intent}, a Redis address, the ops
 * planner) becomes a {@link UsageException} where a command hands the operator's input to the library, so that the
 * same exception type from a bug is not mistaken for bad input. Everything else is exit 1: one line saying what
 * failed, without Java class names (a Redis failure says what is wrong and which setting fixes it: {@link
 * RedisTrouble}); the stack trace follows only under {@code --log.level=debug} (or env
 * {@code QUANTUM_SAFETY_LOG_LEVEL=debug} for the commands without that flag). A bad value that came from an env twin
 * names the variable as well as the flag ({@link EnvSource}).
 */
final class ExitCodes {

    static final String LOG_LEVEL_FLAG = LoggingSetting.LEVEL.flag();
    static final String LOG_LEVEL_ENV = LoggingSetting.LEVEL.env();
    /** Longest message we repeat: an exception can carry a whole server reply. */
    static final int MAX_MESSAGE = 400;

    /** A leading Java class name with its colon, as {@code Throwable.toString()} writes it into wrapping messages. */
    private static final Pattern CLASS_PREFIX =
            Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:\\$[\\w$]+)*:\\s*");
    /** A leading "error:" or "Error:" a message already carries; we print our own. */
    private static final Pattern ERROR_PREFIX = Pattern.compile("^(?i:error)\\s*:\\s*");

    private ExitCodes() {
    }

    /** Wires the handlers into a command line: {@link Main#newCommandLine()} and tests of this class use it. */
    static CommandLine install(CommandLine cli) {
        cli.setExitCodeExceptionMapper(ExitCodes::forException);
        cli.setExecutionExceptionHandler(ExitCodes::handleExecutionException);
        cli.setParameterExceptionHandler(ExitCodes::handleParameterException);
        return cli;
    }

    static int forException(Throwable t) {
        return isUsage(t) ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
    }

    static int handleParameterException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String line = ex.getArgSpec() != null ? EnvSource.invalidValue(ex.getArgSpec(), oneLine(ex.getMessage()), args)
                : EnvSource.name(cmd, oneLine(ex.getMessage()), args);
        err.println(cmd.getColorScheme().errorText("error: " + subcommandHint(cmd, line)));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        return Main.EXIT_USAGE;
    }

    static int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean usage = isUsage(ex);
        boolean debug = debug(cmd);
        String[] args = parseResult.originalArgs().toArray(String[]::new);
        String line = usage ? EnvSource.name(cmd, oneLine(ex.getMessage()), args)
                : redis(cmd).flatMap(redis -> RedisTrouble.of(ex, redis))
                        .orElseGet(() -> unexpected(ex, debug ? null : debugHint(cmd)));
        err.println(cmd.getColorScheme().errorText("error: " + line));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return usage ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
    }

    /** The command's Redis settings, when it has them: a Redis failure is then explained with them. */
    private static Optional<RedisOptions> redis(CommandLine cmd) {
        return cmd.getCommandSpec().mixins().values().stream().map(CommandSpec::userObject)
                .filter(RedisOptions.class::isInstance).map(RedisOptions.class::cast).findFirst();
    }

    /** picocli's "Missing required subcommand" does not say which ones there are. */
    private static String subcommandHint(CommandLine cmd, String line) {
        if (!line.startsWith("Missing required subcommand") || cmd.getSubcommands().isEmpty()) {
            return line;
        }
        List<String> names = new ArrayList<>(cmd.getSubcommands().keySet());
        names.remove("help");
        String last = names.remove(names.size() - 1);
        return "name a subcommand: " + (names.isEmpty() ? last : String.join(", ", names) + " or " + last);
    }

    private static boolean isUsage(Throwable t) {
        return t instanceof UsageException || t instanceof ParameterException;
    }

    /** What failed, in one line: the first message along the cause chain, without class names or "error:". */
    static String unexpected(Throwable t, String hint) {
        String message = null;
        for (Throwable cause = t; cause != null && message == null; cause = cause.getCause()) {
            String text = clean(cause.getMessage());
            message = text.isEmpty() ? null : text;
        }
        String line = message != null ? message : "an unexpected internal failure";
        if (hint == null) {
            return line;
        }
        boolean sentence = line.endsWith(".") && !line.endsWith("..");
        return (sentence ? line.substring(0, line.length() - 1) : line) + " (" + hint + ")";
    }

    /** How to see the stack trace with this command. */
    private static String debugHint(CommandLine cmd) {
        return cmd.getCommandSpec().findOption(LOG_LEVEL_FLAG) != null
                ? LOG_LEVEL_FLAG + "=debug shows the stack trace"
                : "env " + LOG_LEVEL_ENV + "=debug shows the stack trace";
    }

    /** Whether the failing command runs at debug level: its {@code --log.level} (flag or env), else the env. */
    static boolean debug(CommandLine cmd) {
        OptionSpec option = cmd.getCommandSpec().findOption(LOG_LEVEL_FLAG);
        Object level = option != null ? option.getValue() : System.getenv(LOG_LEVEL_ENV);
        return level != null && "debug".equals(level.toString().trim().toLowerCase(Locale.ROOT));
    }

    private static String oneLine(String message) {
        String text = clean(message);
        return text.isEmpty() ? "bad input" : text;
    }

    /** The first line, without leading class names or "error:", shortened to {@link #MAX_MESSAGE} characters. */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        String text = message.strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline).strip();
        }
        String before;
        do {
            before = text;
            text = ERROR_PREFIX.matcher(CLASS_PREFIX.matcher(text).replaceFirst("")).replaceFirst("").strip();
        } while (!text.equals(before));
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }
}
