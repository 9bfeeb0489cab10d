package quantum.safety.cli.ctl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.Main;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.kernel.KernelOptions;
import quantum.safety.exporter.status.StatusFormat;
import quantum.safety.state.RateWindow;
import quantum.safety.state.RateWindows;
import quantum.safety.state.SafetyStatusReader;
import quantum.safety.state.StatusLimits;
import quantum.safety.state.SymbolCount;
import redis.clients.jedis.UnifiedJedis;

/** {@code ctl top}: the busiest symbols of the current and previous rate windows. */
@Command(name = "top",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Shows the symbols with the most intents in the current and the previous rate window, against "
                + "the per-symbol limit, and the all-symbol count against the global limit.",
                "With --watch it refreshes (in place on a terminal) until Ctrl-C or --count refreshes. The window and "
                        + "limits come from the kernel flags below and must match the kernels'.",
                "Exit code 0, or 1 when Redis holds bad data (PROBLEMS, listed)."},
        footer = {"", "Examples:",
                "  quantum-safety ctl top",
                "  quantum-safety ctl top --symbols 20 --watch",
                "  quantum-safety ctl top --json | jq '.current.top'",
                "  quantum-safety ctl top --window 60 --global-max 100 --symbol-max 10"})
final class TopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "10",
            description = "How many symbols per window. Default: ${DEFAULT-VALUE}. Example: --symbols 20")
    int symbols;

    @Option(names = {"-w", "--watch"}, description = "Refresh until Ctrl-C. Example: --watch")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between refreshes with --watch. Default: ${DEFAULT-VALUE}. Example: --interval 2s")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "With --watch, stop after N refreshes (0: until Ctrl-C). Example: --count 10")
    int count;

    @Option(names = "--json", description = "One JSON object per refresh (JSON lines) instead of the table, with the "
            + "same words: status OK or PROBLEMS, a window's state OK or UNREADABLE. Example: --json")
    boolean json;

    @Mixin
    KernelOptions kernel;

    @Mixin
    RedisOptions redis;

    @Override
    public Integer call() throws InterruptedException {
        if (symbols < 1 || symbols > 1000) {
            throw new UsageException("--symbols=" + symbols + " must be between 1 and 1000, e.g. --symbols 10");
        }
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new UsageException("--interval must be at least 100ms, e.g. --interval 1s");
        }
        StatusLimits limits = StatusLimits.builder().kernel(kernel.toConfig()).topSymbols(symbols).build();
        PrintWriter out = spec.commandLine().getOut();
        boolean inPlace = watch && Terminal.interactive() && !json;
        try (UnifiedJedis client = CtlConnection.open(redis)) {
            SafetyStatusReader reader = new SafetyStatusReader(client, redis.schema(), limits, redis.endpoint().toString());
            int frames = 0;
            while (true) {
                RateWindows windows = reader.readRates();
                String frame = json ? CtlJson.write(TopJson.of(windows)) + "\n" : render(windows);
                out.print(inPlace ? "\033[H\033[2J" + frame : frame);
                out.flush();
                frames++;
                if (!watch || (count > 0 && frames >= count) || Thread.currentThread().isInterrupted()) {
                    return windows.problems().isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILURE;
                }
                if (!inPlace && !json) {
                    out.println();
                }
                Thread.sleep(interval.toMillis());
            }
        }
    }

    /** Seconds until the current window ends, by Redis' clock. */
    static long secondsLeft(RateWindows w) {
        int window = w.current().windowSeconds();
        return window - Math.floorMod(w.readAt().getEpochSecond(), window);
    }

    static String render(RateWindows w) {
        RateWindow now = w.current();
        RateWindow before = w.previous();
        int symbolMax = w.limits().symbolMax();
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (SymbolCount si : now.top()) {
            rows.computeIfAbsent(si.symbol(), s -> new long[2])[0] = (long) si.count();
        }
        for (SymbolCount si : before.top()) {
            rows.computeIfAbsent(si.symbol(), s -> new long[2])[1] = (long) si.count();
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparingLong(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey));
        StringBuilder b = new StringBuilder();
        b.append(Terminal.style("@|bold Rate windows|@ ")).append(now.windowSeconds()).append("s · ")
                .append(StatusFormat.time(w.readAt())).append(" · current window ends in ").append(secondsLeft(w))
                .append("s · status ").append(TopJson.status(w)).append('\n')
                .append(StatusFormat.oneLine(w.limitsNote(), 200)).append('\n');
        b.append(String.format("%-24s %10s %10s%n", "", "NOW", "PREVIOUS"));
        int globalMax = w.limits().globalMax();
        b.append(String.format("%-24s %10s %10s%n", "all symbols", count(now, globalMax), count(before, globalMax)));
        for (Map.Entry<String, long[]> row : sorted) {
            long[] c = row.getValue();
            String line = String.format("%-24s %10s %10s", StatusFormat.oneLine(row.getKey(), 24),
                    c[0] + "/" + symbolMax, c[1] + "/" + symbolMax);
            b.append(line).append(c[0] > symbolMax ? Terminal.style("  @|bold,red over the limit|@") : "").append('\n');
        }
        if (sorted.isEmpty()) {
            b.append("no intents in either window\n");
        }
        if (now.scanTruncated() || before.scanTruncated()) {
            b.append("(symbol list incomplete: the legacy counter scan stopped at its deadline)\n");
        }
        if (!w.problems().isEmpty()) {
            b.append(Terminal.style("@|bold,yellow PROBLEMS|@")).append(" (bad data in Redis; counted, not fatal):\n");
            w.problems().forEach(p -> b.append("  - ").append(StatusFormat.oneLine(p, 200)).append('\n'));
        }
        return b.toString();
    }

    private static String count(RateWindow w, int globalMax) {
        if (w.globalExpired()) {
            return "EXPIRED";
        }
        return w.globalCount().isPresent() ? w.globalCount().getAsLong() + "/" + globalMax : "UNREADABLE";
    }
}
