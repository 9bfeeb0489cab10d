package quantum.safety.cli.ctl;

import picocli.CommandLine.Command;

/** {@code quantum-safety ctl}: the operator console over the shared safety state in Redis. */
@Command(name = "ctl",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Operator console: read the safety state and change it, audited.",
                "Every change goes through the kernel's audited operations: it records who (--actor, by default the "
                        + "login name) and why (--reason, required), asks for confirmation on a terminal (or --yes), and "
                        + "writes an event to stream:safety.audit."},
        footer = {"", "Examples:",
                "  quantum-safety ctl status",
                "  quantum-safety ctl safe-mode on --latched --reason \"fault spike, investigating\"",
                "  quantum-safety ctl safe-mode off --reason \"cause fixed (INC-42)\"",
                "  quantum-safety ctl kill on --actor alice --reason \"exchange outage\"",
                "  quantum-safety ctl faults --since 1h --symbol BTCUSDT --follow",
                "  quantum-safety ctl top --watch"},
        subcommands = {StatusCommand.class, SafeModeCommand.class, KillCommand.class, FaultsCommand.class,
                TopCommand.class})
public final class CtlCommand {
}
