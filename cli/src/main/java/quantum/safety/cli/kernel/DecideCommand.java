package quantum.safety.cli.kernel;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.cli.Main;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.service.api.DecisionJson;
import redis.clients.jedis.UnifiedJedis;

/** {@code quantum-safety kernel decide}: one decision, printed as one JSON line; the exit code says allowed or not. */
@Command(name = "decide",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Asks the safety kernel whether one trade intent may be published and prints the decision "
                + "as one JSON line: {\"allowed\":…,\"reason\":\"…\",\"meta\":{…}}.",
                "Exit code 0 when allowed, 3 when blocked, 2 on bad input and when the kernel's own configuration "
                        + "is wrong (CONFIG_ERROR: credentials, ACL, a command or script the server refuses; the "
                        + "cause and the setting to fix go to stderr). A trip (rate limit exceeded) switches SAFE MODE "
                        + "on for every kernel sharing the Redis.",
                "Symbol: at most 64 characters, correlation and trace ids at most 128; control and bidirectional "
                        + "override characters are refused."},
        footer = {"", "Examples:",
                "  quantum-safety kernel decide --symbol BTCUSDT --side BUY",
                "  quantum-safety kernel decide --symbol BTCUSDT --side SELL --reduce-only --correlation-id ord-42",
                "  QUANTUM_SAFETY_GLOBAL_MAX=50 quantum-safety kernel decide --symbol ETHUSDT --side BUY "
                        + "--redis.addr=redis://10.0.0.5:6379"})
public final class DecideCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL",
            description = "Instrument, kept as given (part of the legacy counter key), e.g. BTCUSDT.")
    String symbol;

    @Option(names = "--side", required = true, paramLabel = "BUY|SELL", description = "Order side (any case).")
    String side;

    @Option(names = "--reduce-only",
            description = "The order only reduces an open position: it may pass SAFE MODE (see --reduce-only-in-safe-mode).")
    boolean reduceOnly;

    @Option(names = "--correlation-id", paramLabel = "ID", defaultValue = "",
            description = "Copied into the fault event on a trip.")
    String correlationId;

    @Option(names = "--trace-id", paramLabel = "ID", defaultValue = "", description = "Copied into the fault event on a trip.")
    String traceId;

    @Mixin
    KernelOptions kernel;

    @Mixin
    RedisOptions redis;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() {
        logging.apply();
        Intent intent = intent();
        KernelConfig config = kernel.toConfig();
        RedisSchema schema = redis.scriptSchema();
        Decision decision;
        // Two connections: the kernel publishes its settings on the second, so the decision never waits for it;
        // closing the kernel takes them out of Redis again.
        try (UnifiedJedis client = redis.connector("quantum-safety-kernel").maxConnections(2)
                .forDecisions(config.decisionTimeout()).open();
             SafetyKernel safetyKernel = SafetyKernel.create(config, client, schema)) {
            decision = safetyKernel.decide(intent);
        }
        spec.commandLine().getOut().println(DecisionJson.text(decision));
        spec.commandLine().getOut().flush();
        if (decision.reason() == Reason.CONFIG_ERROR) {
            spec.commandLine().getErr().println("error: the kernel cannot decide: " + decision.meta().get("config_error"));
            return Main.EXIT_USAGE;
        }
        return decision.allowed() ? Main.EXIT_OK : Main.EXIT_BLOCKED;
    }

    /** The intent from the flags; one the kernel refuses (side, length, control characters) is bad input. */
    private Intent intent() {
        try {
            return new Intent(symbol, side, reduceOnly, correlationId, traceId);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
