package quantum.safety.cli;

import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import quantum.safety.cli.help.WrappingHelp;
import quantum.safety.cli.settings.CommandSettings;

/**
 * The {@code quantum-safety} command. Every subcommand is one class in this package (or a sub-package); options
 * declared in a settings table take their env twin, default and help from it ({@link CommandSettings}), so flags win
 * over env and env over defaults. Exit codes: 0 success, 1 runtime failure, 2 bad input (flag, file, URL), 3 "blocked" where a
 * command reports a safety decision; {@link ExitCodes} says which failure is which.
 */
@Command(name = "quantum-safety",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.VersionProvider.class,
        sortOptions = false,
        description = {
                "Safety kernel, safety telemetry exporter and operator tools for automated trading.",
                "",
                "Run '@|bold quantum-safety demo|@' to see everything work on one machine."},
        subcommands = {
                quantum.safety.cli.kernel.KernelCommand.class,
                quantum.safety.cli.exporter.ExporterCommand.class,
                quantum.safety.cli.ctl.CtlCommand.class,
                quantum.safety.cli.ops.OpsCommand.class,
                quantum.safety.cli.doctor.DoctorCommand.class,
                quantum.safety.cli.demo.DemoCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BLOCKED = 3;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with the project's error handling; tests call {@code execute} on it. */
    public static CommandLine newCommandLine() {
        return newCommandLine(System.getenv());
    }

    /**
     * The same, with the env twins read from {@code env} instead of the process environment, so that tests can set
     * them ({@code COLUMNS} for the help's width too). Installing the settings and the help on the root reaches every
     * command, ops, doctor and ctl included: picocli has built the whole tree from the annotations by then.
     */
    public static CommandLine newCommandLine(Map<String, String> env) {
        return ExitCodes.install(WrappingHelp.install(CommandSettings.install(new CommandLine(new Main()), env), env));
    }
}
