package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.RedisTrouble;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.kernel.KernelOptions;
import quantum.safety.state.SafetyStatus;
import quantum.safety.state.SafetyStatusReader;
import quantum.safety.state.StatusLimits;
import redis.clients.jedis.UnifiedJedis;

/** {@code ctl status}: are we blocked, why, since when, by whom; one screen. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Shows SAFE MODE (on/off, TTL or latched, set by whom, why, since when), the kill switch, "
                + "execution mode, governor gate, the current and previous rate windows against their limits, "
                + "faults of the last hour, the latest faults, decisions by reason and Redis health. "
                + "The exporter's status page (/) shows the same facts.",
                "The first line, Status, says OK, PROBLEMS, BLOCKED or UNREADABLE, as the JSON's status does; the exit "
                        + "code goes with it: 0 OK (nothing blocks), 1 PROBLEMS (bad data in Redis, nothing blocks), 3 "
                        + "BLOCKED (SAFE MODE or the kill switch on, by the kernel's rule) or UNREADABLE (Redis cannot "
                        + "be read, so neither can the kernels)."},
        footer = {"", "Examples:",
                "  quantum-safety ctl status",
                "  quantum-safety ctl status --json | jq .status",
                "  QUANTUM_SAFETY_GLOBAL_MAX=50 quantum-safety ctl status --redis.addr=redis://10.0.0.5:6379"})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object for scripts instead of the screen. Example: --json")
    boolean json;

    @Option(names = "--faults", paramLabel = "N", defaultValue = "5",
            description = "How many of the latest faults to list. Default: ${DEFAULT-VALUE}. Example: --faults 10")
    int lastFaults;

    @Mixin
    KernelOptions kernel;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() {
        if (lastFaults < 0 || lastFaults > 1000) {
            throw new UsageException("--faults=" + lastFaults + " must be between 0 and 1000");
        }
        StatusLimits limits = StatusLimits.builder().kernel(kernel.toConfig()).lastFaults(lastFaults).build();
        SafetyStatus status;
        try (UnifiedJedis client = CtlConnection.open(redis)) {
            status = new SafetyStatusReader(client, redis.schema(), limits, redis.endpoint().toString()).read();
        }
        String unreadable = status.reachable() ? ""
                : RedisTrouble.explain(status.redis().error().orElse("no answer"), redis);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? CtlJson.write(StatusJson.of(status, unreadable)) + "\n"
                : StatusText.render(status, unreadable));
        out.flush();
        return StatusVerdict.of(status).exitCode();
    }
}
