package quantum.safety.exporter.collect;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import quantum.safety.state.RateWindow;
import quantum.safety.state.StateQuery;
import quantum.safety.state.StateRead;
import quantum.safety.state.SymbolCount;

/**
 * The current rate window: the global counter and the top 5 symbols of the current bucket.
 *
 * <p>Top symbols come from the kernel's per-bucket sorted set {@code safety:rate:top:<bucket>}; only data from the old
 * kernel falls back to the legacy per-symbol counters, read through the exporter's index of them (whose age
 * {@code quantum_safety_rate_symbol_index_age_seconds} gives) or by a bounded scan, which
 * {@code quantum_safety_rate_symbol_scan_truncated} reports when it hit the deadline. Rank series exist only for ranks
 * that have a symbol: there are no empty placeholders and, since every scrape builds fresh snapshots, no stale ranks.
 * A symbol that breaks the kernel's symbol rule (anyone who can write to Redis can rank one) keeps its rank under the
 * one value {@link DataLabel#INVALID}, so the family stays at 5 series whatever the ranking holds, and is counted in
 * {@code quantum_safety_invalid_label_values}.
 */
public final class RateWindowCollector implements RedisCollector {

    public static final String NAME = "rate";
    static final int TOP = 5;

    private final boolean top5Info;

    /** @param top5Info whether to export the legacy {@code quantum_safety_rate_symbol_top5_info} (one series per count) */
    public RateWindowCollector(boolean top5Info) {
        this.top5Info = top5Info;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StateQuery query(StateQuery query) {
        return query.topSymbols() < TOP ? query.withTopSymbols(TOP) : query;
    }

    @Override
    public void render(StateRead read, CollectorOutput out) {
        RateWindow window = read.currentWindow();
        out.problems(window.problems());
        window.globalCount().ifPresent(count -> out.add(Snapshots.gauge("quantum_safety_rate_global_current_window",
                "Intents checked in the current window, all symbols; 0 when the counter is missing.", count)));
        if (!window.rankingRead()) {
            return;
        }
        List<SymbolCount> read5 = window.top().subList(0, Math.min(TOP, window.top().size()));
        DataLabel symbols = new DataLabel("symbol", "rate_top");
        // The legacy scan's results become labels here too: its symbols come from key names, which anyone can write.
        List<SymbolCount> top = read5.stream().map(s -> new SymbolCount(symbols.value(s.symbol()), s.count())).toList();
        out.add(ranks(top));
        if (top5Info) {
            out.add(top5Info(top));
        }
        out.add(DataLabel.counts(List.of(symbols)));
        DataLabel.notices(List.of(symbols), out);
        out.add(Snapshots.gauge("quantum_safety_rate_symbol_scan_truncated",
                "1 when the fallback SCAN over legacy per-symbol counters hit the scrape deadline, so the top "
                        + "symbols may be incomplete; else 0.", window.scanTruncated() ? 1 : 0));
        window.legacyIndexAge().ifPresent(age -> out.add(Snapshots.gaugeSeconds(
                "quantum_safety_rate_symbol_index_age_seconds",
                "Only for windows written by the old kernel (no ranking): seconds since the last complete walk of the "
                        + "keyspace for legacy per-symbol counters started; the top symbols are read from the counters "
                        + "it found, and proven complete (or found by a walk of the scrape's own).",
                age.toNanos() / 1e9)));
    }

    private static GaugeSnapshot ranks(List<SymbolCount> top) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name("quantum_safety_rate_symbol_top")
                .help("Intents checked in the current window for the symbol at each rank (1..5); no series for empty ranks.");
        for (int i = 0; i < top.size(); i++) {
            builder.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("rank", Integer.toString(i + 1), "symbol", top.get(i).symbol()))
                    .value(top.get(i).count()).build());
        }
        return builder.build();
    }

    /**
     * The legacy info series: symbols and counts as labels, so every new count is a new series. Kept for dashboards
     * that read it; turn it off with {@code --no-collector.top5-info} and use {@code quantum_safety_rate_symbol_top}.
     */
    private static InfoSnapshot top5Info(List<SymbolCount> top) {
        Labels labels = Labels.of("symbols", "none");
        if (!top.isEmpty()) {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                names.add("symbol_" + (i + 1));
                values.add(top.get(i).symbol());
                names.add("count_" + (i + 1));
                values.add(countLabel(top.get(i).count()));
            }
            labels = Labels.of(names, values);
        }
        return Snapshots.info("quantum_safety_rate_symbol_top5",
                "Top 5 symbols of the current window with their counts as labels (legacy; one series per distinct "
                        + "count, see --collector.top5-info).", labels);
    }

    /** The count as the legacy {@code count_N} label showed it: an integer when it is one. */
    private static String countLabel(double count) {
        return count == Math.rint(count) && Math.abs(count) < 1e15 ? Long.toString((long) count) : Double.toString(count);
    }
}
