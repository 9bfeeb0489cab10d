package quantum.safety.exporter.collect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

import io.prometheus.metrics.model.snapshots.Labels;
import quantum.safety.kernel.FaultEvent;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;

/**
 * The fault stream {@code stream:safety.fault}: its length, the newest fault, faults of the last hour (in total, by
 * reason, by symbol) and the fault counter.
 *
 * <p>The last hour is counted exactly by reading the stream by id range in bounded pages, so it does not saturate at a
 * lookback cap. The counter comes from {@code XINFO STREAM entries-added} on Redis 7+; on 6.2 from the kernel's
 * {@code safety:totals trips}, or, when no kernel writes that field (the legacy one), from the entries this exporter
 * saw appended.
 */
public final class FaultsCollector implements RedisCollector {

    public static final String NAME = "faults";
    /** Reasons are a small kernel vocabulary; the bound only guards against garbage in the stream. */
    static final int MAX_REASONS = 20;
    private static final long HOUR_MILLIS = 3_600_000L;

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
    public Finisher plan(AbstractPipeline pipeline, CollectContext context) {
        String key = context.schema().faultStream();
        long cutoff = context.nowMillis() - HOUR_MILLIS;
        Optional<StreamEntryID> lastSeen = appended.lastSeen();
        Response<Long> length = pipeline.xlen(key);
        Response<List<StreamEntry>> newest = pipeline.xrevrange(key, "+", "-", 1);
        Response<List<Object>> firstPage = StreamPages.first(pipeline, key, StreamPages.idAt(cutoff));
        Response<StreamInfo> info = context.features().entriesAdded() ? pipeline.xinfoStream(key) : null;
        Response<String> trips = info == null ? pipeline.hget(context.schema().kernelTotals(), "trips") : null;

        return (redis, out) -> {
            if (!Replies.failed(length, out, "XLEN " + key)) {
                out.add(Snapshots.gauge("quantum_safety_fault_stream_length",
                        "Entries in the fault stream (XLEN; the stream is trimmed to about 1000).", length.get()));
            }
            if (!Replies.failed(newest, out, "XREVRANGE " + key)) {
                newestFault(newest.get(), out);
            }
            boolean windowRead = false;
            if (!Replies.failed(firstPage, out, "XRANGE " + key)) {
                LastHour hour = new LastHour(lastSeen.orElse(null));
                if (StreamPages.drain(redis, key, firstPage.get(), context.deadline(), hour)) {
                    lastHour(hour, out);
                    appended.record(hour.newSinceLastSeen, hour.newest.orElse(new StreamEntryID(Math.max(0, cutoff), 0)));
                    windowRead = true;
                } else {
                    out.problem("reading the last hour of " + key + " stopped at the scrape deadline");
                }
            }
            total(info, trips, windowRead, key, context, out);
        };
    }

    private static void newestFault(List<StreamEntry> entries, CollectorOutput out) {
        if (entries.isEmpty()) {
            // No newest fault: the timestamp reads 0 and the info series is simply absent (never stale labels).
            out.add(Snapshots.gauge("quantum_safety_last_fault_timestamp",
                    "Unix seconds of the newest fault event; 0 when the stream is empty.", 0));
            return;
        }
        StreamEntry entry = entries.get(0);
        FaultEvent event = FaultEvent.fromStreamEntry(entry.getID().toString(), entry.getFields());
        out.add(Snapshots.gauge("quantum_safety_last_fault_timestamp",
                "Unix seconds of the newest fault event; 0 when the stream is empty.", event.epochSeconds()));
        out.add(Snapshots.info("quantum_safety_last_fault",
                "Details of the newest fault event (value 1); absent when the stream is empty.",
                Labels.of("reason", event.reason(), "side", event.side(), "symbol", event.symbol())));
    }

    private void lastHour(LastHour hour, CollectorOutput out) {
        out.add(Snapshots.gauge("quantum_safety_faults_last_1h",
                "Fault events appended in the last 3600 s (exact, by stream id time).", hour.count));
        out.add(Snapshots.gaugeByLabel("quantum_safety_faults_last_1h_by_reason",
                "Fault events of the last 3600 s by reason.", "reason", hour.reasons.top(MAX_REASONS)));
        if (topSymbols > 0) {
            out.add(Snapshots.gaugeByLabel("quantum_safety_faults_last_1h_by_symbol",
                    "Fault events of the last 3600 s for the symbols with the most faults (top N, --faults.top-symbols).",
                    "symbol", hour.symbols.top(topSymbols)));
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

    /** Tallies one pass over the last hour. */
    private static final class LastHour implements Consumer<StreamPages.Entry> {
        private static final byte[] REASON = StreamPages.bytes("reason");
        private static final byte[] SYMBOL = StreamPages.bytes("symbol");

        private final StreamEntryID lastSeen;
        private final TopCounts reasons = new TopCounts();
        private final TopCounts symbols = new TopCounts();
        private long count;
        private long newSinceLastSeen;
        private Optional<StreamEntryID> newest = Optional.empty();

        LastHour(StreamEntryID lastSeen) {
            this.lastSeen = lastSeen;
        }

        @Override
        public void accept(StreamPages.Entry entry) {
            count++;
            reasons.add(entry.field(REASON));
            symbols.add(entry.field(SYMBOL));
            if (lastSeen == null || entry.id().compareTo(lastSeen) > 0) {
                newSinceLastSeen++;
            }
            newest = Optional.of(entry.id());
        }
    }
}
