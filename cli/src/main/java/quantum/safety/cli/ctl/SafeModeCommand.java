package quantum.safety.cli.ctl;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.exporter.status.StatusFormat;

/** {@code ctl safe-mode on|off}: switch SAFE MODE by hand, audited. */
@Command(name = "safe-mode",
        mixinStandardHelpOptions = true,
        description = "Switches SAFE MODE on or off by hand, through the kernel, with an audit event.",
        subcommands = {SafeModeCommand.On.class, SafeModeCommand.Off.class},
        footer = {"", "Examples:",
                "  quantum-safety ctl safe-mode on --ttl 300s --reason \"deploying router\"",
                "  quantum-safety ctl safe-mode on --latched --reason \"fault spike, investigating\"",
                "  quantum-safety ctl safe-mode off --reason \"cause fixed (INC-42)\" --yes"})
public final class SafeModeCommand {

    @Command(name = "on",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {"Switches SAFE MODE on: every kernel sharing this Redis blocks new intents "
                    + "(reduce-only ones pass unless the kernels say otherwise).",
                    "Give --ttl for a timed SAFE MODE or --latched for one that stays on until 'safe-mode off'."},
            footer = {"", "Examples:",
                    "  quantum-safety ctl safe-mode on --ttl 5m --actor alice --reason \"maintenance window\"",
                    "  quantum-safety ctl safe-mode on --latched --actor alice --reason \"INC-42\" --yes"})
    static final class On implements Callable<Integer> {

        static final class Length {
            @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class,
                    description = "Switch off by itself after this long, whole seconds. Example: --ttl 300s or --ttl 5m")
            Duration ttl;

            @Option(names = "--latched", description = "No TTL: stays on until someone runs 'safe-mode off'. Example: --latched")
            boolean latched;
        }

        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Length length;

        @Mixin
        ChangeOptions change;

        @Mixin
        RedisOptions redis;

        @Override
        public Integer call() {
            Optional<Duration> ttl = Optional.ofNullable(length.ttl);
            ttl.ifPresent(On::requireWholeSeconds);
            String what = ttl.map(d -> "Switch SAFE MODE ON for " + StatusFormat.duration(d.toSeconds()))
                    .orElse("Switch SAFE MODE ON, latched (until cleared)");
            return AuditedChange.run(change, redis, spec.commandLine().getOut(), what,
                    ops -> ops.setSafeMode(ttl, change.actor(), change.reason));
        }

        /** The kernel's rule for a SAFE MODE TTL, checked before anything is asked or changed. */
        private static void requireWholeSeconds(Duration ttl) {
            if (ttl.toMillis() < 1000 || ttl.toMillisPart() != 0) {
                throw new UsageException("--ttl=" + ttl.toMillis() + "ms must be whole seconds, at least 1s, "
                        + "e.g. --ttl 300s; use --latched for a SAFE MODE without TTL");
            }
        }
    }

    @Command(name = "off",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Switches SAFE MODE off, whoever set it (trip, operator or a legacy SET), and deletes its info.",
            footer = {"", "Example:",
                    "  quantum-safety ctl safe-mode off --reason \"cause fixed (INC-42)\""})
    static final class Off implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ChangeOptions change;

        @Mixin
        RedisOptions redis;

        @Override
        public Integer call() {
            return AuditedChange.run(change, redis, spec.commandLine().getOut(), "Switch SAFE MODE OFF",
                    ops -> ops.clearSafeMode(change.actor(), change.reason));
        }
    }
}
