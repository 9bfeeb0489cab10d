package quantum.safety.ops.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.backtest.BacktestPlan.Planned;
import quantum.safety.ops.backtest.VariantReport.Status;

/**
 * Runs a backtest against one Prometheus: for each planned alert and variant, inlines recorded series the history
 * lacks, queries the expression at every evaluation from {@code for} before the range to its end, replays the alert
 * states ({@link EpisodeFinder}) and tells "never crossed" from "no data".
 */
public final class Backtester {

    /** Prometheus' default evaluation_interval, when its config sets none. */
    private static final Duration PROMETHEUS_DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** How far back an instant query looks for a sample: a series is "there" until 5 minutes after its last one. */
    private static final Duration LOOKBACK = Duration.ofMinutes(5);

    private final HistoryApi api;
    private final Map<String, Boolean> hasData = new HashMap<>();
    private Duration globalInterval;
    private BacktestRequest request;

    public Backtester(HistoryApi api) {
        this.api = api;
    }

    public BacktestReport run(BacktestRequest request) {
        List<Planned> plan = BacktestPlan.of(request);
        this.request = request;
        List<AlertReport> reports = new ArrayList<>();
        for (Planned planned : plan) {
            AlertRule rule = planned.rule();
            Duration step = request.step() != null ? request.step()
                    : rule.interval() != null ? rule.interval() : globalInterval();
            Window window = Window.of(request.from(), request.to(), step, rule.forDuration());
            List<VariantReport> variants = new ArrayList<>();
            variants.add(replay(request, rule, window, "current", rule.expression()));
            if (planned.candidate() != null) {
                variants.add(replay(request, rule, window, "candidate", planned.candidate()));
            }
            reports.add(new AlertReport(rule.name(), rule.group(), rule.forDuration(), rule.keepFiringFor(), step,
                    List.copyOf(variants)));
        }
        return new BacktestReport(api.baseUrl(), request.from(), request.to(), request.rules().sources(),
                List.copyOf(reports), api.calls(), request.episodes());
    }

    /** The evaluations looked at: from {@code for} (rounded up to whole steps) before the range to its end. */
    record Window(Instant first, Duration step, int evaluations) {
        static Window of(Instant from, Instant to, Duration step, Duration forDuration) {
            long stepsBefore = (forDuration.toMillis() + step.toMillis() - 1) / step.toMillis();
            Instant first = from.minus(step.multipliedBy(stepsBefore));
            long count = Duration.between(first, to).toMillis() / step.toMillis() + 1;
            return new Window(first, step, Math.toIntExact(count));
        }

        Instant last() {
            return first.plus(step.multipliedBy(evaluations - 1L));
        }

        /**
         * The evaluation each returned timestamp belongs to: Prometheus answers in milliseconds, while the range may
         * have been given to the nanosecond.
         */
        NavigableSet<Instant> snapped(java.util.Collection<Instant> times) {
            NavigableSet<Instant> evaluationTimes = new TreeSet<>();
            long stepNanos = step.toNanos();
            for (Instant t : times) {
                long index = Math.round(Duration.between(first, t).toNanos() / (double) stepNanos);
                evaluationTimes.add(first.plus(step.multipliedBy(index)));
            }
            return evaluationTimes;
        }
    }

    private VariantReport replay(BacktestRequest request, AlertRule rule, Window window, String variant,
                                 String expression) {
        RecordingInliner.Result inlined = RecordingInliner.inline(expression, recordings(), this::hasData);
        String query = inlined.expression();
        Map<Map<String, String>, NavigableMap<Instant, Double>> series;
        try {
            series = api.queryRange(query, window.first(), window.step(), window.evaluations());
        } catch (HistoryApi.BadExpression e) {
            throw new OpsInputException("alert " + rule.name() + " in " + rule.source() + ": Prometheus refused "
                    + "its expression '" + query.strip() + "': " + e.getMessage());
        }
        Map<Map<String, String>, NavigableSet<Instant>> presence = new HashMap<>();
        series.forEach((labels, values) -> presence.put(labels, window.snapped(values.keySet())));
        List<Episode> episodes = new EpisodeFinder(window.first(), window.step(), window.evaluations(),
                rule.forDuration(), rule.keepFiringFor()).episodes(presence);
        Duration total = episodes.stream().map(Episode::duration).reduce(Duration.ZERO, Duration::plus);
        Duration longest = episodes.stream().map(Episode::duration).max(Duration::compareTo).orElse(Duration.ZERO);
        List<String> missing = RecordingInliner.selectors(query).stream().filter(s -> !hasData(s)).toList();
        Optional<Threshold> threshold = Threshold.single(query);
        Status status = !episodes.isEmpty() ? Status.FIRED : !series.isEmpty() ? Status.PENDING_ONLY
                : !missing.isEmpty() ? Status.NO_DATA : Status.NEVER_CROSSED;
        return new VariantReport(variant, threshold.map(t -> t.comparison() + " " + t.text()).orElse(null), query,
                status, episodes.size(), total, longest,
                List.copyOf(episodes.subList(0, Math.min(request.episodes(), episodes.size()))), inlined.inlined(),
                inlined.kept(), missing, threshold.map(t -> closest(t, window)).orElse(Double.NaN));
    }

    /** The highest (or lowest, for {@code <}) value the compared side reached: how near it came to the threshold. */
    private double closest(Threshold threshold, Window window) {
        String over = threshold.comparison().startsWith(">") ? "max" : threshold.comparison().startsWith("<") ? "min"
                : null;
        if (over == null) {
            return Double.NaN;
        }
        String range = PromDuration.format(Duration.between(window.first(), window.last()).plus(window.step()));
        String query = over + "(" + over + "_over_time((" + threshold.valueSide().strip() + ")[" + range + ":"
                + PromDuration.format(window.step()) + "]))";
        try {
            return api.scalar(query, window.last());
        } catch (HistoryApi.BadExpression e) {
            return Double.NaN;
        }
    }

    /**
     * Whether a selector has any sample over the range (from 5 minutes before it, as an instant query looks back that
     * far); cached, since alerts share their series.
     */
    private boolean hasData(String selector) {
        return hasData.computeIfAbsent(selector, s -> {
            String range = PromDuration.format(Duration.between(request.from(), request.to()).plus(LOOKBACK)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            return api.count("count(last_over_time(" + s + "[" + range + "]))", request.to()) > 0;
        });
    }

    /** The recording rules, each with the interval its series would have had samples at. */
    private Map<String, RecordingRule> recordings() {
        Map<String, RecordingRule> rules = new HashMap<>();
        request.rules().recordings().forEach((name, rule) -> rules.put(name, rule.interval() != null ? rule
                : rule.withDefaultInterval(globalInterval())));
        return rules;
    }

    private Duration globalInterval() {
        if (globalInterval == null) {
            globalInterval = PROMETHEUS_DEFAULT_INTERVAL;
            Object config = new Yaml(new LoaderOptions()).load(api.config());
            if (config instanceof Map<?, ?> map && map.get("global") instanceof Map<?, ?> global
                    && global.get("evaluation_interval") != null) {
                globalInterval = PromDuration.parse(String.valueOf(global.get("evaluation_interval")));
            }
        }
        return globalInterval;
    }
}
