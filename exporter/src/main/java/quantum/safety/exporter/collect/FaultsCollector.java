package quantum.safety.exporter.collect;

import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.Labels;
import quantum.safety.kernel.FaultEvent;
import quantum.safety.state.FaultWindow;
import quantum.safety.state.StateQuery;
import quantum.safety.state.StateRead;
import quantum.safety.state.StreamTotal;
import quantum.safety.state.StreamWindow;

/**
 * The fault stream {@code stream:safety.fault}: its length, the newest fault, faults of the last hour (in total, by
 * reason, by symbol) and the fault counter.
 *
 * <p>The last hour is counted exactly by id range, so it does not saturate at a lookback cap. The counter comes from
 * {@code XINFO STREAM entries-added} on Redis 7+; on 6.2 from the kernel's {@code safety:totals trips}, or, when no
 * kernel writes that field (the legacy one), from the entries this exporter saw appended.
 *
 * <p>Reasons, symbols and sides come from stream entries anyone can write, so each keeps the kernel's symbol rule
 * ({@link DataLabel}) before it becomes a label value: the newest fault shows a bad one as {@link DataLabel#INVALID},
 * the last hour's counts fold every bad one into that one series, and {@code quantum_safety_invalid_label_values}
 * counts them.
 */
public final class FaultsCollector implements RedisCollector {

    public static final String NAME = "faults";
    /** Reasons are a small kernel vocabulary; the bound only guards against garbage in the stream. */
    static final int MAX_REASONS = 20;

    private final int topSymbols;
    private final AppendedEntries appended = new AppendedEntries();

    /** @param topSymbols how many symbols {@code quantum_safety_faults_last_1h_by_symbol} exports (0 turns it off) */
    public FaultsCollector(int topSymbols) {
        if (topSymbols < 0) {
            throw new IllegalArgumentException("faults top symbols must be >= 0, got " + topSymbols);
        }
        this.topSymbols = topSymbols;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StateQuery query(StateQuery query) {
        return query.withFaultsSeen(appended.lastSeen());
    }

    @Override
    public void render(StateRead read, CollectorOutput out) {
        FaultWindow faults = read.faults();
        out.problems(faults.problems());
        faults.length().ifPresent(length -> out.add(Snapshots.gauge("quantum_safety_fault_stream_length",
                "Entries in the fault stream (XLEN; the stream is trimmed to about 1000).", length)));
        FaultLabels labels = new FaultLabels();
        faults.newest().ifPresent(newest -> newestFault(newest, labels, out));
        // A last hour cut short by the deadline would be a wrong value: the family is left out instead.
        boolean hourRead = faults.lastHour().filter(StreamWindow::complete).isPresent();
        if (hourRead) {
            StreamWindow hour = faults.lastHour().get();
            lastHour(hour, faults, labels, out);
            appended.record(hour.newSinceSeen(), hour.lastIdRead());
        }
        if (faults.newest().isPresent() || hourRead) {
            out.add(DataLabel.counts(labels.all()));
            DataLabel.notices(labels.all(), out);
        }
        total(faults.total(), hourRead, out);
    }

    /** The labels of this scrape's fault families that come from the entries. */
    private record FaultLabels(DataLabel reason, DataLabel side, DataLabel symbol) {
        FaultLabels() {
            this(new DataLabel("reason", "faults"), new DataLabel("side", "faults"), new DataLabel("symbol", "faults"));
        }

        List<DataLabel> all() {
            return List.of(reason, side, symbol);
        }
    }

    private static void newestFault(List<FaultEvent> newest, FaultLabels labels, CollectorOutput out) {
        String help = "Unix seconds of the newest fault event; 0 when the stream is empty.";
        if (newest.isEmpty()) {
            // No newest fault: the timestamp reads 0 and the info series is simply absent (never stale labels).
            out.add(Snapshots.gauge("quantum_safety_last_fault_timestamp", help, 0));
            return;
        }
        FaultEvent event = newest.get(0);
        out.add(Snapshots.gauge("quantum_safety_last_fault_timestamp", help, event.epochSeconds()));
        out.add(Snapshots.info("quantum_safety_last_fault",
                "Details of the newest fault event (value 1); absent when the stream is empty.",
                Labels.of("reason", labels.reason().value(event.reason()), "side", labels.side().value(event.side()),
                        "symbol", labels.symbol().value(event.symbol()))));
    }

    private void lastHour(StreamWindow hour, FaultWindow faults, FaultLabels labels, CollectorOutput out) {
        out.add(Snapshots.gauge("quantum_safety_faults_last_1h",
                "Fault events appended in the last 3600 s (exact, by stream id time).", hour.count()));
        // A fault without the field ("") breaks the rule like any other bad value: it is folded, never an empty label.
        out.add(Snapshots.gaugeByLabel("quantum_safety_faults_last_1h_by_reason",
                "Fault events of the last 3600 s by reason.", "reason",
                labels.reason().fold(faults.lastHourByReason(), MAX_REASONS)));
        // Folded even when the family is off, so that the count of invalid symbols does not depend on the flag.
        Map<String, Double> bySymbol = labels.symbol().fold(faults.lastHourBySymbol(), topSymbols);
        if (topSymbols > 0) {
            out.add(Snapshots.gaugeByLabel("quantum_safety_faults_last_1h_by_symbol",
                    "Fault events of the last 3600 s for the symbols with the most faults (top N, --faults.top-symbols).",
                    "symbol", bySymbol));
        }
    }

    private void total(StreamTotal total, boolean hourRead, CollectorOutput out) {
        String help = "Fault events ever appended to the fault stream (Redis 7+: XINFO STREAM entries-added; "
                + "Redis 6.2: the kernel's safety:totals trips).";
        if (total.count().isPresent()) {
            out.add(Snapshots.counter("quantum_safety_faults", help, total.count().getAsDouble()));
        } else if (total.source() == StreamTotal.Source.NOT_KEPT && hourRead) {
            out.add(Snapshots.counter("quantum_safety_faults", help, appended.total()));
        }
    }
}
