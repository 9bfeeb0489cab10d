package quantum.safety.cli.ctl;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import quantum.safety.cli.RedisOptions;

/** {@code ctl kill on|off}: the manual kill switch, audited. */
@Command(name = "kill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Engages (on) or releases (off) the kill switch, through the kernel, with an audit event.",
                "While it is engaged every order is blocked, reduce-only ones too."},
        footer = {"", "Examples:",
                "  quantum-safety ctl kill on --reason \"exchange outage\"",
                "  quantum-safety ctl kill off --reason \"exchange back (INC-43)\" --yes"})
public final class KillCommand implements Callable<Integer> {

    enum Switch { on, off }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "on|off", description = "on engages the kill switch, off releases it. Example: on")
    Switch state;

    @Mixin
    ChangeOptions change;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() {
        boolean on = state == Switch.on;
        return AuditedChange.run(change, redis, spec.commandLine().getOut(),
                on ? "ENGAGE the kill switch (every order blocked)" : "Release the kill switch",
                ops -> on ? ops.engageKillSwitch(change.actor(), change.reason)
                        : ops.releaseKillSwitch(change.actor(), change.reason));
    }
}
