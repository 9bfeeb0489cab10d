package quantum.safety.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to exit codes and one clear line on stderr: bad input ({@link UsageException},
 * {@link IllegalArgumentException}, picocli parameter errors) exits 2; anything else exits 1. No stack trace
 * reaches the operator unless {@code --log.level=debug} asks for it.
 */
final class ExitCodes {

    private ExitCodes() {
    }

    static int forException(Throwable t) {
        return isUsage(t) ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
    }

    static int handleParameterException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        return Main.EXIT_USAGE;
    }

    static int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println(cmd.getColorScheme().errorText("error: " + message));
        if (Boolean.getBoolean("quantum.safety.debug")) {
            ex.printStackTrace(err);
        }
        return forException(ex);
    }

    private static boolean isUsage(Throwable t) {
        return t instanceof UsageException || t instanceof IllegalArgumentException
                || t instanceof ParameterException;
    }
}
