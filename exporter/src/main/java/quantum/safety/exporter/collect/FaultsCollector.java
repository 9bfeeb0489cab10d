package quantum.safety.exporter.collect;

import java.util.Optional;
import java.util.OptionalDouble;

import io.prometheus.metrics.model.snapshots.Labels;
import quantum.safety.kernel.FaultEvent;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamInfo;

/**
 * The fault stream {@code stream:safety.fault}: its length, the newest fault, faults of the last hour (in total, by
 * reason, by symbol) and the fault counter.
 *
 * <p>The last hour is counted exactly by id range inside Redis ({@link StreamWindow}), so it does not saturate at a
 * lookback cap, and a scrape receives only the counts, not the hour's entries. The counter comes from {@code XINFO STREAM entries-added} on Redis 7+; on 6.2 from the kernel's
 * {@code safety:totals trips}, or, when no kernel writes that field (the legacy one), from the entries this exporter
 * saw appended.
 */
public final class FaultsCollector implements RedisCollector {

    public static final String NAME = "faults";
    /** Reasons are a small kernel vocabulary; the bound only guards against garbage in the stream. */
    static final int MAX_REASONS = 20;
    private static final long HOUR_MILLIS = 3_600_000L;

    private final int topSymbols;
    private final int maxScan;
    private final AppendedEntries appended = new AppendedEntries();

    /** @param topSymbols how many symbols {@code quantum_safety_faults_last_1h_by_symbol} exports (0 turns it off) */
    public FaultsCollector(int topSymbols) {
        this(topSymbols, StreamWindow.DEFAULT_MAX_SCAN);
    }

    /** @param maxScan the most fault entries one collection reads inside Redis (beyond it: a collector problem) */
    FaultsCollector(int topSymbols, int maxScan) {
        if (topSymbols < 0) {
            throw new IllegalArgumentException("faults top symbols must be >= 0, got " + topSymbols);
        }
        this.topSymbols = topSymbols;
        this.maxScan = maxScan;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finisher plan(AbstractPipeline pipeline, CollectContext context) {
        String key = context.schema().faultStream();
        long cutoff = context.nowMillis() - HOUR_MILLIS;
        Response<Long> length = pipeline.xlen(key);
        StreamWindow.Pending window = StreamWindow.queue(pipeline, new StreamWindow.Query(key, StreamPages.idAt(cutoff),
                cutoff, appended.lastSeen(), true, MAX_REASONS, topSymbols, maxScan, true));
        Response<StreamInfo> info = context.features().entriesAdded() ? pipeline.xinfoStream(key) : null;
        Response<String> trips = info == null ? pipeline.hget(context.schema().kernelTotals(), "trips") : null;

        return (redis, out) -> {
            if (!Replies.failed(length, out, "XLEN " + key)) {
                out.add(Snapshots.gauge("quantum_safety_fault_stream_length",
                        "Entries in the fault stream (XLEN; the stream is trimmed to about 1000).", length.get()));
            }
            Optional<StreamWindow.Result> hour = window.get(redis, out);
            hour.ifPresent(h -> {
                newestFault(h, out);
                lastHour(h, out);
                appended.record(h.newSinceSeen(), h.highestRead().orElse(new StreamEntryID(Math.max(0, cutoff), 0)));
            });
            total(info, trips, hour.isPresent(), key, context, out);
        };
    }

    private static void newestFault(StreamWindow.Result window, CollectorOutput out) {
        if (window.newestId().isEmpty()) {
            // No newest fault: the timestamp reads 0 and the info series is simply absent (never stale labels).
            out.add(Snapshots.gauge("quantum_safety_last_fault_timestamp",
                    "Unix seconds of the newest fault event; 0 when the stream is empty.", 0));
            return;
        }
        FaultEvent event = FaultEvent.fromStreamEntry(window.newestId().get(), window.newestFields());
        out.add(Snapshots.gauge("quantum_safety_last_fault_timestamp",
                "Unix seconds of the newest fault event; 0 when the stream is empty.", event.epochSeconds()));
        out.add(Snapshots.info("quantum_safety_last_fault",
                "Details of the newest fault event (value 1); absent when the stream is empty.",
                Labels.of("reason", event.reason(), "side", event.side(), "symbol", event.symbol())));
    }

    private void lastHour(StreamWindow.Result hour, CollectorOutput out) {
        out.add(Snapshots.gauge("quantum_safety_faults_last_1h",
                "Fault events appended in the last 3600 s (exact, by stream id time).", hour.count()));
        out.add(Snapshots.gaugeByLabel("quantum_safety_faults_last_1h_by_reason",
                "Fault events of the last 3600 s by reason.", "reason", hour.reasons()));
        if (topSymbols > 0) {
            out.add(Snapshots.gaugeByLabel("quantum_safety_faults_last_1h_by_symbol",
                    "Fault events of the last 3600 s for the symbols with the most faults (top N, --faults.top-symbols).",
                    "symbol", hour.symbols()));
        }
    }

    private void total(Response<StreamInfo> info, Response<String> trips, boolean windowRead, String key,
                       CollectContext context, CollectorOutput out) {
        String help = "Fault events ever appended to the fault stream (Redis 7+: XINFO STREAM entries-added; "
                + "Redis 6.2: the kernel's safety:totals trips).";
        if (info != null) {
            String error = Replies.error(info);
            if (error == null) {
                EntriesAdded.of(info.get(), out, key).ifPresent(v ->
                        out.add(Snapshots.counter("quantum_safety_faults", help, v)));
            } else if (EntriesAdded.isMissingKey(error)) {
                out.add(Snapshots.counter("quantum_safety_faults", help, 0));
            } else {
                out.problem("XINFO STREAM " + key + ": " + error);
            }
            return;
        }
        String totals = context.schema().kernelTotals();
        if (Replies.failed(trips, out, "HGET " + totals + " trips")) {
            return;
        }
        if (trips.get() != null) {
            OptionalDouble value = Values.number(trips.get(), out, totals + " field trips");
            value.ifPresent(v -> out.add(Snapshots.counter("quantum_safety_faults", help, v)));
        } else if (windowRead) {
            out.add(Snapshots.counter("quantum_safety_faults", help, appended.total()));
        }
    }
}
