package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.Main;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.exporter.status.StatusFormat;
import quantum.safety.kernel.FaultEvent;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyOperations;
import quantum.safety.kernel.Text;
import quantum.safety.web.audit.TimeBound;
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
                "Filters match exactly. Reading stays bounded whatever the stream's length: newest first, in pages.",
                "The Redis stream is trimmed (about the last " + RedisSchema.FAULT_STREAM_MAXLEN + " faults). When the "
                        + "range reaches further back than "
                        + "its oldest entry, that older part is read from the audit archive (--archive.url): one "
                        + "list, each event once, filters and --limit applied to the whole range. Without an archive "
                        + "the command says how far back the stream reaches. --follow reads the stream only."},
        footer = {"", "Examples:",
                "  quantum-safety ctl faults",
                "  quantum-safety ctl faults --since 15m --reason SYMBOL_RATE_EXCEEDED",
                "  quantum-safety ctl faults --since 6h --symbol BTCUSDT --limit 100",
                "  quantum-safety ctl faults --since 2026-03-01T09:00:00Z --until 2026-03-01T10:30:00Z --json",
                "  quantum-safety ctl faults --since 30d --until 7d --archive.url=postgresql://archive-db/quantum",
                "  quantum-safety ctl faults --since now-2d --until now-1d",
                "  quantum-safety ctl faults --follow --json"})
final class FaultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The range's start when --since is not given. */
    static final String DEFAULT_SINCE = "1h";

    @Option(names = "--since", paramLabel = "DURATION|TIME", defaultValue = DEFAULT_SINCE,
            converter = TimeBoundConverter.class,
            description = "Start of the range: a duration ago by the Redis server's clock (15m, or now-15m as ops "
                    + "backtest writes it), or an RFC 3339 timestamp. Default: ${DEFAULT-VALUE}. "
                    + "Example: --since 15m, --since now-2d, --since 2026-03-01T09:00:00Z")
    TimeBound since;

    @Option(names = "--until", paramLabel = "DURATION|TIME", converter = TimeBoundConverter.class,
            description = "End of the range (exclusive), in the same forms as --since, or now; must be later than "
                    + "--since (which defaults to " + DEFAULT_SINCE + "). Not with --follow, which goes on past it. "
                    + "Default: now. "
                    + "Example: --since 6h --until 1h, --until 2026-03-01T10:30:00+01:00")
    TimeBound until;

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

    @Mixin
    ArchiveSourceOptions archiveOptions;

    /** What ends --follow: the thread's interrupt (Ctrl-C ends the process anyway). */
    BooleanSupplier stop = () -> Thread.currentThread().isInterrupted();

    @Override
    public Integer call() {
        if (limit < 1 || limit > 100_000) {
            throw new UsageException("--limit=" + limit + " must be between 1 and 100000, e.g. --limit 20");
        }
        if (follow && until != null) {
            throw new UsageException("--follow prints faults as they come, past any --until (" + until.describe()
                    + "); use either --until for a fixed range or --follow to keep watching, not both");
        }
        requirePlain("--symbol", symbol);
        requirePlain("--reason", reason);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String key = redis.schema().faultStream();
        Map<String, String> filters = new LinkedHashMap<>();
        Optional.ofNullable(symbol).ifPresent(v -> filters.put("symbol", v));
        Optional.ofNullable(reason).ifPresent(v -> filters.put("reason", v));
        // Before Redis: archive settings that cannot be used are bad input, whatever the stream holds.
        Optional<FaultArchive> older = archiveOptions.open(System.getenv());
        try (UnifiedJedis client = CtlConnection.open(redis)) {
            long now = serverMillis(client);
            boolean sinceGiven = spec.commandLine().getParseResult() != null
                    && spec.commandLine().getParseResult().hasMatchedOption("--since");
            FaultRange range = FaultRange.of(since, sinceGiven, until, now);
            FaultHistory.Result result = FaultHistory.read(client, key, range.since(), range.until(), filters, limit,
                    older);
            if (!json) {
                out.println(FaultTable.HEADER);
            }
            result.faults().forEach(f -> print(out, f.event(), f.source()));
            FaultSummary summary = new FaultSummary(range, limit, older.isPresent(),
                    ArchiveSourceOptions.howToConfigure());
            if (!json) {
                out.println(summary.line(result));
            }
            out.flush();
            summary.note(result).ifPresent(note -> {
                err.println(note);
                err.flush();
            });
            if (result.archiveError().isPresent()) {
                return Main.EXIT_FAILURE;
            }
            if (follow) {
                String after = FaultQuery.lastId(client, key).orElse("0-0");
                if (!json) {
                    out.println("Following " + key + " (Ctrl-C to stop)…");
                    out.flush();
                }
                new FaultFollower(client, key).follow(after, FaultHistory.matching(filters),
                        e -> print(out, e, FaultHistory.Source.STREAM), stop);
            }
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("WRONGTYPE")) {
                throw e;
            }
            err.println("error: the fault stream " + key + " is UNREADABLE: it holds another "
                    + "type than a stream (" + StatusFormat.oneLine(e.getMessage(), 120) + "); see what wrote it with "
                    + "TYPE " + key + ", the kernel writes a stream there");
            err.flush();
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

    private void print(PrintWriter out, FaultEvent event, FaultHistory.Source source) {
        if (json) {
            Map<String, Object> object = StatusJson.fault(event);
            if (source == FaultHistory.Source.ARCHIVE) {
                object.put("source", "archive");
            }
            out.println(CtlJson.write(object));
        } else {
            out.println(FaultTable.row(event) + (source == FaultHistory.Source.ARCHIVE ? "  (archive)" : ""));
        }
        out.flush();
    }

    private static long serverMillis(UnifiedJedis client) {
        return RedisClock.millis(client.sendCommand(Protocol.Command.TIME)).orElseGet(System::currentTimeMillis);
    }
}
