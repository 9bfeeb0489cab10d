package quantum.safety.cli.ops.backtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.ops.OpsInput;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.Http;
import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.backtest.BacktestReport;
import quantum.safety.ops.backtest.BacktestRequest;
import quantum.safety.ops.backtest.BacktestRules;
import quantum.safety.ops.backtest.Backtester;
import quantum.safety.ops.backtest.HistoryApi;
import quantum.safety.ops.backtest.TimeSpec;
import quantum.safety.ops.backtest.UnknownAlertException;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.bundle.DirectoryBundleSource;

/** {@code quantum-safety ops backtest}; its flags are declared in {@link BacktestSetting}. */
@SettingsFrom(BacktestSetting.class)
@Command(name = "backtest", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Replay the alerting rules on a past range of a Prometheus' history: how often each alert would "
                + "have fired, for how long in total, its longest episode, and when (start - end, labels).",
                "Each alert's expression is asked of Prometheus (query_range) at its group's evaluation interval, "
                        + "from `for` before the range, and `for` and `keep_firing_for` are applied per label set "
                        + "as Prometheus applies them: pending until the expression has returned the series for "
                        + "`for`, resolved by an evaluation without it.",
                "--set ALERT=VALUE replays the alert with a candidate threshold too, side by side with the current "
                        + "one. Alerts that never fired are listed, saying whether their expression's series were "
                        + "missing from the history (no data) or there but never crossed (with the closest value "
                        + "reached). Recorded series the history lacks (Prometheus did not have the recording rules "
                        + "then) are replaced by their rule's expression, and the report says so."},
        footer = {"", "Examples:",
                "  quantum-safety ops backtest --prometheus.url=http://127.0.0.1:9090",
                "  quantum-safety ops backtest --from=now-30d --alert QuantumSafetyFaultSpike --set QuantumSafetyFaultSpike=3",
                "  quantum-safety ops backtest --from=2026-01-19T00:00:00Z --to=2026-01-26T00:00:00Z \\",
                "      --set QuantumSafetyExporterMemoryHigh='96 * 1024 * 1024' --markdown=backtest.md",
                "  quantum-safety ops backtest --rules=my_alerts.yml --rules=quantum_safety_recording.yml --step=1m",
                "  quantum-safety ops backtest --json | jq -r '.alerts[] | [.alert, .variants[0].fired] | @tsv'",
                "", "Exit: 0 the backtest ran (whatever fired), 1 Prometheus did not answer or failed a query, "
                + "2 bad input."})
public final class BacktestCommand implements Callable<Integer> {

    /** A range query over days can take Prometheus a while; the other ops calls keep their short deadline. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = "--prometheus.url", paramLabel = "URL")
    String prometheusUrl;

    @Option(names = "--bundle.dir", paramLabel = "DIR")
    Path bundleDir;

    @Option(names = "--rules", paramLabel = "FILE", split = ",")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME")
    String from;

    @Option(names = "--to", paramLabel = "TIME")
    String to;

    @Option(names = "--step", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration step;

    @Option(names = "--set", paramLabel = "ALERT=VALUE", split = ",")
    List<String> candidates = new ArrayList<>();

    @Option(names = "--alert", paramLabel = "NAME", split = ",")
    List<String> alerts = new ArrayList<>();

    @Option(names = "--episodes", paramLabel = "N")
    int episodes;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--markdown", paramLabel = "FILE")
    Path markdown;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() {
        return OpsInput.checked(this::backtest);
    }

    private int backtest() {
        logging.apply();
        String url = Http.requireBaseUrl(BacktestSetting.PROMETHEUS_URL.flag(), prometheusUrl);
        if (episodes < 0) {
            throw new UsageException("--episodes " + episodes + " is negative; give a count, e.g. --episodes=10");
        }
        if (step != null && step.isZero()) {
            throw new UsageException("--step 0s cannot be an evaluation interval; give e.g. --step=30s");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BacktestRules ruleSet = rules.isEmpty() ? BacktestRules.fromBundle(bundleDir == null
                ? ClasspathBundleSource.packaged() : new DirectoryBundleSource(bundleDir))
                : BacktestRules.fromFiles(rules);
        BacktestRequest request = new BacktestRequest(ruleSet, TimeSpec.parse("--from", from, now),
                TimeSpec.parse("--to", to, now), step, candidates(), List.copyOf(alerts), episodes);
        BacktestReport report;
        try {
            report = new Backtester(new HistoryApi(url, new Http(QUERY_TIMEOUT), HistoryApi.MAX_POINTS)).run(request);
        } catch (UnknownAlertException e) {
            // The names do not fit the one-line error: they go above it, one per line.
            PrintWriter err = spec.commandLine().getErr();
            err.println("Alerts in " + String.join(", ", ruleSet.sources()) + ":");
            e.known().forEach(name -> err.println("  " + name));
            err.flush();
            throw new UsageException(e.withoutList() + "; the " + e.known().size() + " known alerts are listed above",
                    e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? BacktestJson.render(report) : BacktestTable.render(report));
        if (markdown != null) {
            write(markdown, BacktestMarkdown.render(report));
            if (!json) {
                out.println("Markdown report written to " + markdown);
            }
        }
        out.flush();
        return 0;
    }

    private Map<String, String> candidates() {
        Map<String, String> byAlert = new LinkedHashMap<>();
        for (String candidate : candidates) {
            int eq = candidate.indexOf('=');
            if (eq <= 0 || eq == candidate.length() - 1) {
                throw new OpsInputException("--set '" + candidate + "' is not ALERT=VALUE; e.g. --set "
                        + "QuantumSafetyFaultSpike=3");
            }
            byAlert.put(candidate.substring(0, eq).strip(), candidate.substring(eq + 1).strip());
        }
        return byAlert;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OpsInputException("--markdown " + file + " cannot be written (" + e.getClass().getSimpleName()
                    + "); give a file in a writable folder, e.g. --markdown=./backtest.md");
        }
    }
}
