package quantum.safety.cli;

import java.util.Map;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
                quantum.safety.cli.archive.ArchiveCommand.class,
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

    /**
     * The long-running commands, which {@link #main} builds alone: picocli's model of the whole tree (every command's
     * options, converters and annotations) stays in memory for the life of the process, about 2.5 MB of an exporter
     * that runs for months (docs/benchmarks.md).
     */
    private static final Map<String, Supplier<Object>> LONG_RUNNING = Map.of(
            "exporter", quantum.safety.cli.exporter.ExporterCommand::new,
            "archive", quantum.safety.cli.archive.ArchiveCommand::new,
            "kernel", quantum.safety.cli.kernel.KernelCommand::new);

    public static void main(String[] args) {
        System.exit(newCommandLine(args, System.getenv()).execute(args));
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
        return install(new CommandLine(new Main()), env);
    }

    /**
     * The command line that runs {@code args}: for a long-running command, a root of the same name, version and
     * standard options holding that command alone, so that its usage, help, settings and exit codes are the ones the
     * whole tree gives; for anything else, the whole tree.
     */
    public static CommandLine newCommandLine(String[] args, Map<String, String> env) {
        Supplier<Object> command = args.length > 0 ? LONG_RUNNING.get(args[0]) : null;
        if (command == null) {
            return newCommandLine(env);
        }
        Command annotation = Main.class.getAnnotation(Command.class);
        CommandSpec root = CommandSpec.wrapWithoutInspection(new Main()).name(annotation.name())
                .mixinStandardHelpOptions(true).versionProvider(new BuildInfo.VersionProvider());
        root.usageMessage().description(annotation.description()).sortOptions(annotation.sortOptions());
        CommandLine line = new CommandLine(root);
        line.addSubcommand(args[0], new CommandLine(command.get()));
        return install(line, env);
    }

    private static CommandLine install(CommandLine line, Map<String, String> env) {
        return ExitCodes.install(WrappingHelp.install(CommandSettings.install(line, env), env));
    }
}
