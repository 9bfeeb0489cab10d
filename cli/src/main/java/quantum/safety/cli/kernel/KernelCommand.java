package quantum.safety.cli.kernel;

import picocli.CommandLine.Command;

/** {@code quantum-safety kernel …}: the safety kernel from the command line, for scripts and tests. */
@Command(name = "kernel",
        mixinStandardHelpOptions = true,
        description = {"The safety kernel: one atomic, audited decision per trade intent, shared through Redis."},
        subcommands = {DecideCommand.class})
public final class KernelCommand {
}
