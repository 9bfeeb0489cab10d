package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.Main;
import quantum.safety.cli.RedisOptions;
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
                "Exit code 0 when Redis was read (whatever the state), 1 when Redis is unreachable."},
        footer = {"", "Examples:",
                "  quantum-safety ctl status",
                "  quantum-safety ctl status --json | jq .safe_mode",
                "  QUANTUM_SAFETY_GLOBAL_MAX=50 quantum-safety ctl status --redis.addr=redis://10.0.0.5:6379"})
final class StatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    public Integer call() throws JsonProcessingException {
        if (lastFaults < 0 || lastFaults > 1000) {
            throw new UsageException("--faults=" + lastFaults + " must be between 0 and 1000");
        }
        StatusLimits limits = StatusLimits.builder().kernel(kernel.toConfig()).lastFaults(lastFaults).build();
        SafetyStatus status;
        try (UnifiedJedis client = CtlConnection.open(redis)) {
            status = new SafetyStatusReader(client, redis.schema(), limits, redis.endpoint().toString()).read();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JSON.writeValueAsString(StatusJson.of(status)) + "\n" : StatusText.render(status));
        out.flush();
        return status.reachable() ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
}
