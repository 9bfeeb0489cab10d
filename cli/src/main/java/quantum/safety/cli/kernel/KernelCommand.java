package quantum.safety.cli.kernel;

import picocli.CommandLine.Command;

/** {@code quantum-safety kernel …}: the safety kernel from the command line, for scripts and tests. */
@Command(name = "kernel",
        mixinStandardHelpOptions = true,
        description = {"The safety kernel: one atomic, audited decision per trade intent, shared through Redis.",
                "decide: one decision from the command line; serve: the decision service for callers in any language."},
        subcommands = {DecideCommand.class, ServeCommand.class})
public final class KernelCommand {
}
