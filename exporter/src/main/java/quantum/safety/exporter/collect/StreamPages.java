package quantum.safety.exporter.collect;

import java.util.List;
import java.util.function.Consumer;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads a stream from an id to its end in bounded pages: the first page rides on the shared pipeline, the rest (only
 * when a page comes back full) cost one round trip each and stop at the deadline. Counting entries by id range stays
 * exact whatever the stream's length or trimming, which is what lookback caps and XLEN differences got wrong.
 */
public final class StreamPages {

    public static final int PAGE_SIZE = 1000;

    private StreamPages() {
    }

    /** Queues the first page of entries with id {@code >= start} ({@code start} may be exclusive: {@code (id}). */
    static Response<List<StreamEntry>> first(AbstractPipeline pipeline, String key, String start) {
        return pipeline.xrange(key, start, "+", PAGE_SIZE);
    }

    /**
     * Feeds the first page and every following page to {@code sink}.
     *
     * @return true when the end of the stream was reached, false when the deadline stopped the reading
     */
    public static boolean drain(UnifiedJedis redis, String key, List<StreamEntry> firstPage, Deadline deadline,
                         Consumer<StreamEntry> sink) {
        List<StreamEntry> page = firstPage;
        while (true) {
            page.forEach(sink);
            if (page.size() < PAGE_SIZE) {
                return true;
            }
            if (deadline.isExpired()) {
                return false;
            }
            String after = "(" + page.get(page.size() - 1).getID();
            page = redis.xrange(key, after, "+", PAGE_SIZE);
        }
    }

    /** The smallest id at or after a unix millisecond, as an XRANGE start. */
    public static String idAt(long unixMillis) {
        return Math.max(0, unixMillis) + "-0";
    }
}
