package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.util.function.Function;

import quantum.safety.cli.Main;
import quantum.safety.cli.RedisOptions;
import quantum.safety.kernel.OperationResult;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyOperations;
import redis.clients.jedis.UnifiedJedis;

/**
 * The common path of every changing command: refuse bad input (exit 2, before anything is read or written), confirm,
 * apply through {@link SafetyOperations}, report.
 */
final class AuditedChange {

    private AuditedChange() {
    }

    static int run(ChangeOptions change, RedisOptions redis, PrintWriter out, String description,
                   Function<SafetyOperations, OperationResult> operation) {
        change.requireActorAndReason();
        RedisSchema schema = redis.scriptSchema();
        if (!change.confirm(description + " as " + change.actor() + " (reason: " + change.reason.strip() + ")?",
                out)) {
            out.println("Nothing changed.");
            out.flush();
            return Main.EXIT_FAILURE;
        }
        OperationResult result;
        try (UnifiedJedis client = CtlConnection.open(redis)) {
            result = operation.apply(new SafetyOperations(client, schema));
        }
        out.println(Terminal.style("@|bold Done:|@ ") + description + (result.wasAlready() ? " (it already was)" : "")
                + ". Audit event " + result.auditId() + " by " + result.actor() + " at "
                + quantum.safety.exporter.status.StatusFormat.time(java.time.Instant.ofEpochSecond(result.timestamp()))
                + "; before: " + before(result.previousValue()) + ".");
        out.flush();
        return Main.EXIT_OK;
    }

    private static String before(String previous) {
        if (previous.isEmpty()) {
            return "unset";
        }
        return previous.equals("WRONGTYPE") ? "a key of the wrong type (replaced)"
                : "\"" + quantum.safety.exporter.status.StatusFormat.oneLine(previous, 40) + "\"";
    }
}
