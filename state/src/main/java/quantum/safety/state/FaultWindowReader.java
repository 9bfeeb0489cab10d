package quantum.safety.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import quantum.safety.kernel.FaultEvent;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads {@link FaultWindow}. The last hour is counted by reading the stream by id range in bounded pages, so it does
 * not saturate at a lookback cap; only a last hour longer than one page costs more round trips, bounded by the budget.
 */
final class FaultWindowReader {

    private static final byte[] REASON = StreamPages.bytes("reason");
    private static final byte[] SYMBOL = StreamPages.bytes("symbol");

    private final String key;
    private final int newestCount;
    private final Response<List<StreamEntry>> newest;
    private final StreamRangeRead range;

    /**
     * @param newestCount how many of the newest faults to read (at least 1)
     * @param seen        the newest id the caller has seen, to count the faults appended since
     */
    private FaultWindowReader(AbstractPipeline pipeline, String key, long nowMillis, int newestCount,
                              boolean entriesAdded, Optional<StreamEntryID> seen) {
        this.key = key;
        this.newestCount = Math.max(1, newestCount);
        long cutoff = nowMillis - FaultWindow.HOUR_MILLIS;
        this.newest = pipeline.xrevrange(key, "+", "-", this.newestCount);
        this.range = new StreamRangeRead(pipeline, key, cutoff, StreamPages.idAt(cutoff), seen, entriesAdded);
    }

    static FaultWindowReader queue(AbstractPipeline pipeline, String key, long nowMillis, int newestCount,
                                   boolean entriesAdded, Optional<StreamEntryID> seen) {
        return new FaultWindowReader(pipeline, key, nowMillis, newestCount, entriesAdded, seen);
    }

    /**
     * @param kernelTrips the kernel's trip count, the total where the server keeps no {@code entries-added}
     */
    FaultWindow finish(UnifiedJedis redis, ReadBudget budget, StreamTotal kernelTrips) {
        Problems problems = new Problems();
        OptionalLong length = range.length(problems);
        Optional<List<FaultEvent>> faults = problems.reply(newest, "XREVRANGE " + key).map(entries -> entries.stream()
                .limit(newestCount).map(e -> FaultEvent.fromStreamEntry(e.getID().toString(), e.getFields())).toList());
        TopCounts reasons = new TopCounts();
        TopCounts symbols = new TopCounts();
        Optional<StreamWindow> lastHour = range.window(redis, budget, "the last hour", problems, entry -> {
            reasons.add(entry.field(REASON));
            symbols.add(entry.field(SYMBOL));
        });
        StreamTotal total = range.entriesAdded(problems);
        if (total.source() == StreamTotal.Source.NOT_KEPT) {
            total = kernelTrips;
        }
        return new FaultWindow(length, faults, lastHour, lastHour.isPresent() ? reasons.ranked() : Map.of(),
                lastHour.isPresent() ? symbols.ranked() : Map.of(), total, problems.lines());
    }
}
