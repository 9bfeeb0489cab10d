package quantum.safety.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads a stream from an id to its end in bounded pages: the first page rides on the shared pipeline, the rest (only
 * when a page comes back full) cost one round trip each and stop when the read's budget is spent. Counting entries by id range stays
 * exact whatever the stream's length or trimming, which is what lookback caps and XLEN differences got wrong.
 *
 * <p>Pages are read raw (binary): the readers need an entry's id and at most two of its fields, and decoding every
 * field of every entry into maps was most of a scrape's CPU time.
 */
public final class StreamPages {

    public static final int PAGE_SIZE = 1000;

    /** One raw entry: its id and its fields as Redis sent them ({@code [name, value, name, value…]}). */
    record Entry(StreamEntryID id, List<Object> fields) {

        /** The value of a field, or null when the entry has none by that name. */
        String field(byte[] name) {
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if (fields.get(i) instanceof byte[] key && Arrays.equals(key, name)) {
                    return fields.get(i + 1) instanceof byte[] value ? new String(value, StandardCharsets.UTF_8) : null;
                }
            }
            return null;
        }
    }

    private StreamPages() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Queues the first page of entries with id {@code >= start} ({@code start} may be exclusive: {@code (id}). */
    static Response<List<Object>> first(AbstractPipeline pipeline, String key, String start) {
        return pipeline.xrange(bytes(key), bytes(start), bytes("+"), PAGE_SIZE);
    }

    /**
     * Feeds the first page and every following page to {@code sink}.
     *
     * @return true when the end of the stream was reached, false when the budget stopped the reading
     */
    static boolean drain(UnifiedJedis redis, String key, List<Object> firstPage, ReadBudget budget,
                         Consumer<Entry> sink) {
        List<Object> page = firstPage;
        while (true) {
            StreamEntryID last = null;
            for (Object raw : page) {
                Entry entry = entry(raw);
                sink.accept(entry);
                last = entry.id();
            }
            if (page.size() < PAGE_SIZE) {
                return true;
            }
            if (budget.exhausted()) {
                return false;
            }
            page = redis.xrange(bytes(key), bytes("(" + last), bytes("+"), PAGE_SIZE);
        }
    }

    @SuppressWarnings("unchecked")
    private static Entry entry(Object raw) {
        List<Object> parts = (List<Object>) raw;
        StreamEntryID id = id((byte[]) parts.get(0));
        List<Object> fields = parts.size() > 1 && parts.get(1) instanceof List<?> list ? (List<Object>) list : List.of();
        return new Entry(id, fields);
    }

    /** Parses {@code <ms>-<seq>} without the string split {@link StreamEntryID#StreamEntryID(String)} does. */
    private static StreamEntryID id(byte[] text) {
        long ms = 0;
        long seq = 0;
        boolean inSeq = false;
        for (byte b : text) {
            if (b == '-') {
                inSeq = true;
            } else if (inSeq) {
                seq = seq * 10 + (b - '0');
            } else {
                ms = ms * 10 + (b - '0');
            }
        }
        return new StreamEntryID(ms, seq);
    }

    /** The smallest id at or after a unix millisecond, as an XRANGE start. */
    static String idAt(long unixMillis) {
        return Math.max(0, unixMillis) + "-0";
    }
}
