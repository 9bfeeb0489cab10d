package quantum.safety.state;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamInfo;

/**
 * What the fault and the trade-intent stream readers share: XLEN, the entries from a start id to the end (counted
 * within a time window and since an id the caller has seen), and XINFO STREAM for {@code entries-added} where the
 * server has it.
 */
final class StreamRangeRead {

    private final String key;
    private final long windowStartMillis;
    private final StreamEntryID seen;
    private final Response<Long> length;
    private final Response<List<Object>> firstPage;
    private final Response<StreamInfo> info;

    /**
     * @param readStart    the XRANGE start: {@code windowStartMillis}, or earlier to catch up since {@code seen}
     *                     ({@code (id} leaves the id itself out)
     * @param entriesAdded whether to ask XINFO STREAM (Redis 7.0+)
     */
    StreamRangeRead(AbstractPipeline pipeline, String key, long windowStartMillis, String readStart,
                    Optional<StreamEntryID> seen, boolean entriesAdded) {
        this.key = key;
        this.windowStartMillis = windowStartMillis;
        this.seen = seen.orElse(null);
        this.length = pipeline.xlen(key);
        this.firstPage = StreamPages.first(pipeline, key, readStart);
        this.info = entriesAdded ? pipeline.xinfoStream(key) : null;
    }

    OptionalLong length(Problems problems) {
        return problems.failed(length, "XLEN " + key) ? OptionalLong.empty() : OptionalLong.of(length.get());
    }

    /**
     * Reads the range to its end (or until the budget is spent), showing each entry inside the window to
     * {@code inWindow}; empty when Redis refused the read.
     */
    Optional<StreamWindow> window(UnifiedJedis redis, ReadBudget budget, String what, Problems problems,
                                  Consumer<StreamPages.Entry> inWindow) {
        if (problems.failed(firstPage, "XRANGE " + key)) {
            return Optional.empty();
        }
        long[] counts = new long[2];
        StreamEntryID[] newest = {null};
        boolean complete;
        try {
            complete = StreamPages.drain(redis, key, firstPage.get(), budget, entry -> {
                StreamEntryID id = entry.id();
                if (id.getTime() >= windowStartMillis) {
                    counts[0]++;
                    inWindow.accept(entry);
                }
                if (seen == null || id.compareTo(seen) > 0) {
                    counts[1]++;
                }
                newest[0] = id;
            });
        } catch (JedisDataException e) {
            // The key changed type between two pages, or an ACL refuses the next page: a problem, not an outage.
            problems.add("XRANGE " + key + ": " + Problems.firstLine(e.getMessage()));
            return Optional.empty();
        }
        if (!complete) {
            problems.add("counting " + what + " of " + key + " stopped at the deadline; the count is a lower bound");
        }
        StreamEntryID last = newest[0] != null ? newest[0] : new StreamEntryID(Math.max(0, windowStartMillis), 0);
        return Optional.of(new StreamWindow(counts[0], complete, counts[1], last));
    }

    /** {@code entries-added} when it was asked for, else {@link StreamTotal#NOT_KEPT}. */
    StreamTotal entriesAdded(Problems problems) {
        return info == null ? StreamTotal.NOT_KEPT : EntriesAdded.total(info, key, problems);
    }
}
