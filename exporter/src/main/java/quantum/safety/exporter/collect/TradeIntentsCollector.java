package quantum.safety.exporter.collect;

import java.util.Optional;

import quantum.safety.state.IntentFlow;
import quantum.safety.state.StateQuery;
import quantum.safety.state.StateRead;
import quantum.safety.state.StreamTotal;
import quantum.safety.state.StreamWindow;

/**
 * The router's trade-intent stream {@code stream:trade.intent}: its length, intents published in the last minute and
 * the intent counter.
 *
 * <p>The rate counts entries by id range over the last 60 s, so it stays right when the stream is trimmed at MAXLEN
 * (XLEN differences read 0 there). The counter is {@code entries-added} on Redis 7+; on 6.2 it counts the entries this
 * exporter saw appended since it started: the read starts from the last id it saw (within a catch-up bound), so no
 * entry between two scrapes is missed.
 */
public final class TradeIntentsCollector implements RedisCollector {

    public static final String NAME = "trade_intents";

    private final AppendedEntries appended = new AppendedEntries();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StateQuery query(StateQuery query) {
        return query.withIntents(query.entriesAdded() ? Optional.empty() : appended.lastSeen());
    }

    @Override
    public void render(StateRead read, CollectorOutput out) {
        IntentFlow intents = read.intents().orElseThrow();
        out.problems(intents.problems());
        intents.length().ifPresent(length -> out.add(Snapshots.gauge("quantum_trade_intent_stream_length",
                "Entries in the trade-intent stream (XLEN; the router trims it to about 10000).", length)));
        boolean minuteRead = intents.lastMinute().filter(StreamWindow::complete).isPresent();
        if (minuteRead) {
            StreamWindow minute = intents.lastMinute().get();
            out.add(Snapshots.gauge("quantum_trade_intent_rate_per_min",
                    "Trade intents published in the last 60 s (exact, by stream id time).", minute.count()));
            appended.record(minute.newSinceSeen(), minute.lastIdRead());
        }
        String help = "Trade intents ever published to the trade-intent stream (Redis 7+: XINFO STREAM entries-added; "
                + "Redis 6.2: intents this exporter saw appended since it started).";
        StreamTotal total = intents.total();
        if (total.count().isPresent()) {
            out.add(Snapshots.counter("quantum_trade_intents", help, total.count().getAsDouble()));
        } else if (total.source() == StreamTotal.Source.NOT_KEPT && minuteRead) {
            out.add(Snapshots.counter("quantum_trade_intents", help, appended.total()));
        }
    }
}
