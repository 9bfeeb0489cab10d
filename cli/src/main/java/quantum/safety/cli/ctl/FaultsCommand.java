package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.Main;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.exporter.status.StatusFormat;
import quantum.safety.kernel.FaultEvent;
import quantum.safety.kernel.SafetyOperations;
import quantum.safety.kernel.Text;
import quantum.safety.state.RedisClock;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** {@code ctl faults}: the fault stream as a table, optionally following it live. */
@Command(name = "faults",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Lists the trips (fault events) of a time range as a table, oldest first, and with --follow "
                + "keeps printing new ones as they happen (blocking read) until Ctrl-C.",
                "Filters match exactly. Reading stays bounded whatever the stream's length: newest first, in pages."},
        footer = {"", "Examples:",
                "  quantum-safety ctl faults",
                "  quantum-safety ctl faults --since 15m --reason SYMBOL_RATE_EXCEEDED",
                "  quantum-safety ctl faults --since 6h --symbol BTCUSDT --limit 100",
                "  quantum-safety ctl faults --follow --json"})
final class FaultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "How far back to look, by the Redis server's clock. Default: ${DEFAULT-VALUE}. Example: --since 15m")
    Duration since;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Only faults of this symbol (exact). Example: --symbol BTCUSDT")
    String symbol;

    @Option(names = "--reason", paramLabel = "REASON",
            description = "Only faults with this reason (exact), e.g. GLOBAL_RATE_EXCEEDED or SYMBOL_RATE_EXCEEDED. "
                    + "Example: --reason GLOBAL_RATE_EXCEEDED")
    String reason;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "At most this many faults, the newest. Default: ${DEFAULT-VALUE}. Example: --limit 20")
    int limit;

    @Option(names = {"-f", "--follow"}, description = "After the table, print new faults as they come, until Ctrl-C. Example: --follow")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per fault (JSON lines) instead of the table. Example: --json")
    boolean json;

    @Mixin
    RedisOptions redis;

    /** What ends --follow: the thread's interrupt (Ctrl-C ends the process anyway). */
    BooleanSupplier stop = () -> Thread.currentThread().isInterrupted();

    @Override
    public Integer call() {
        if (limit < 1 || limit > 100_000) {
            throw new UsageException("--limit=" + limit + " must be between 1 and 100000, e.g. --limit 20");
        }
        if (since.isZero() || since.isNegative()) {
            throw new UsageException("--since must be positive, e.g. --since 1h");
        }
        requirePlain("--symbol", symbol);
        requirePlain("--reason", reason);
        PrintWriter out = spec.commandLine().getOut();
        String key = redis.schema().faultStream();
        Predicate<FaultEvent> filter = e -> (symbol == null || symbol.equals(e.symbol()))
                && (reason == null || reason.equals(e.reason()));
        try (UnifiedJedis client = CtlConnection.open(redis)) {
            long now = serverMillis(client);
            FaultQuery.Result result = FaultQuery.newest(client, key, now - since.toMillis(), filter, limit);
            if (!json) {
                out.println(FaultTable.HEADER);
            }
            result.faults().forEach(printer(out));
            if (!json) {
                out.println(summary(result));
            }
            out.flush();
            if (follow) {
                String after = FaultQuery.lastId(client, key).orElse("0-0");
                if (!json) {
                    out.println("Following " + key + " (Ctrl-C to stop)…");
                    out.flush();
                }
                new FaultFollower(client, key).follow(after, filter, printer(out), stop);
            }
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("WRONGTYPE")) {
                throw e;
            }
            spec.commandLine().getErr().println("error: the fault stream " + key + " is UNREADABLE: it holds another "
                    + "type than a stream (" + StatusFormat.oneLine(e.getMessage(), 120) + "); see what wrote it with "
                    + "TYPE " + key + ", the kernel writes a stream there");
            spec.commandLine().getErr().flush();
            return Main.EXIT_FAILURE;
        }
        return Main.EXIT_OK;
    }

    /** A filter with control or bidi characters matches nothing the kernel wrote: refused like the kernel's input. */
    private static void requirePlain(String flag, String value) {
        if (value != null) {
            try {
                Text.requirePlain(flag, value, SafetyOperations.MAX_REASON_LENGTH);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
    }

    private String summary(FaultQuery.Result result) {
        String what = result.faults().size() + " fault" + (result.faults().size() == 1 ? "" : "s") + " in the last "
                + StatusFormat.duration(since.toSeconds());
        if (result.faults().size() >= limit) {
            what += " (the newest " + limit + "; raise --limit for more)";
        }
        if (!result.complete()) {
            what += "; stopped after scanning " + result.scanned() + " entries: narrow --since";
        }
        return what + ".";
    }

    private Consumer<FaultEvent> printer(PrintWriter out) {
        return event -> {
            if (json) {
                out.println(CtlJson.write(StatusJson.fault(event)));
            } else {
                out.println(FaultTable.row(event));
            }
            out.flush();
        };
    }

    private static long serverMillis(UnifiedJedis client) {
        return RedisClock.millis(client.sendCommand(Protocol.Command.TIME)).orElseGet(System::currentTimeMillis);
    }
}
