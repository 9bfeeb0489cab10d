package quantum.safety.exporter.collect;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamInfo;

/**
 * The router's trade-intent stream {@code stream:trade.intent}: its length, intents published in the last minute and
 * the intent counter.
 *
 * <p>The rate counts entries by id range over the last 60 s, so it stays right when the stream is trimmed at MAXLEN
 * (XLEN differences read 0 there). The counter is {@code entries-added} on Redis 7+; on 6.2 it counts the entries this
 * exporter saw appended since it started, reading from the last id it saw (at most {@link #MAX_CATCH_UP_MILLIS} back)
 * so that no entry between two scrapes is missed.
 */
public final class TradeIntentsCollector implements RedisCollector {

    public static final String NAME = "trade_intents";
    private static final long MINUTE_MILLIS = 60_000L;
    /** How far back the Redis 6.2 counter catches up after a long gap between scrapes. */
    static final long MAX_CATCH_UP_MILLIS = 10 * MINUTE_MILLIS;

    private final AppendedEntries appended = new AppendedEntries();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finisher plan(AbstractPipeline pipeline, CollectContext context) {
        String key = context.schema().tradeIntentStream();
        long cutoff = context.nowMillis() - MINUTE_MILLIS;
        boolean entriesAdded = context.features().entriesAdded();
        Optional<StreamEntryID> lastSeen = entriesAdded ? Optional.empty() : appended.lastSeen();
        Response<Long> length = pipeline.xlen(key);
        Response<List<Object>> firstPage = StreamPages.first(pipeline, key,
                readStart(cutoff, lastSeen, context.nowMillis()));
        Response<StreamInfo> info = entriesAdded ? pipeline.xinfoStream(key) : null;

        return (redis, out) -> {
            if (!Replies.failed(length, out, "XLEN " + key)) {
                out.add(Snapshots.gauge("quantum_trade_intent_stream_length",
                        "Entries in the trade-intent stream (XLEN; the router trims it to about 10000).", length.get()));
            }
            boolean windowRead = false;
            if (!Replies.failed(firstPage, out, "XRANGE " + key)) {
                Tally tally = new Tally(cutoff, lastSeen.orElse(null));
                if (StreamPages.drain(redis, key, firstPage.get(), context.deadline(), tally)) {
                    out.add(Snapshots.gauge("quantum_trade_intent_rate_per_min",
                            "Trade intents published in the last 60 s (exact, by stream id time).", tally.lastMinute));
                    appended.record(tally.newSinceLastSeen,
                            tally.newest.orElse(new StreamEntryID(Math.max(0, cutoff), 0)));
                    windowRead = true;
                } else {
                    out.problem("reading the last minute of " + key + " stopped at the scrape deadline");
                }
            }
            total(info, windowRead, key, out);
        };
    }

    /** From the cutoff, or from the last id seen when that is older (Redis 6.2 counter), but never beyond the catch-up. */
    private static String readStart(long cutoff, Optional<StreamEntryID> lastSeen, long nowMillis) {
        if (lastSeen.isEmpty() || lastSeen.get().getTime() >= cutoff) {
            return StreamPages.idAt(cutoff);
        }
        long floor = nowMillis - MAX_CATCH_UP_MILLIS;
        return lastSeen.get().getTime() >= floor ? "(" + lastSeen.get() : StreamPages.idAt(floor);
    }

    private void total(Response<StreamInfo> info, boolean windowRead, String key, CollectorOutput out) {
        String help = "Trade intents ever published to the trade-intent stream (Redis 7+: XINFO STREAM entries-added; "
                + "Redis 6.2: intents this exporter saw appended since it started).";
        if (info == null) {
            if (windowRead) {
                out.add(Snapshots.counter("quantum_trade_intents", help, appended.total()));
            }
            return;
        }
        String error = Replies.error(info);
        if (error == null) {
            EntriesAdded.of(info.get(), out, key).ifPresent(v -> out.add(Snapshots.counter("quantum_trade_intents", help, v)));
        } else if (EntriesAdded.isMissingKey(error)) {
            out.add(Snapshots.counter("quantum_trade_intents", help, 0));
        } else {
            out.problem("XINFO STREAM " + key + ": " + error);
        }
    }

    private static final class Tally implements Consumer<StreamPages.Entry> {
        private final long cutoff;
        private final StreamEntryID lastSeen;
        private long lastMinute;
        private long newSinceLastSeen;
        private Optional<StreamEntryID> newest = Optional.empty();

        Tally(long cutoff, StreamEntryID lastSeen) {
            this.cutoff = cutoff;
            this.lastSeen = lastSeen;
        }

        @Override
        public void accept(StreamPages.Entry entry) {
            StreamEntryID id = entry.id();
            if (id.getTime() >= cutoff) {
                lastMinute++;
            }
            if (lastSeen == null || id.compareTo(lastSeen) > 0) {
                newSinceLastSeen++;
            }
            newest = Optional.of(id);
        }
    }
}
