package quantum.safety.exporter.collect;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.kernel.LuaScript;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Counts a stream's entries by id range inside Redis ({@code stream_window.lua}, read-only) and brings back only the
 * aggregates: a few hundred bytes per scrape instead of every entry of the window, whatever the window holds. The
 * script rides on the shared pipeline by its digest; a server that does not know it yet costs one more round trip.
 *
 * <p>The count stays exact (by id range, so trimming and lookback caps do not matter) up to {@link #maxScan} entries
 * per call; past that the script stops, so that a huge stream cannot hold Redis for long, and the window is reported
 * as truncated instead of being exported short.
 */
final class StreamWindow {

    /** About 20-40 ms of Redis time on a small machine; a kernel appends at most a few faults an hour. */
    static final int DEFAULT_MAX_SCAN = 50_000;
    private static final LuaScript SCRIPT = LuaScript.fromResource("/quantum/safety/exporter/collect/stream_window.lua");

    /** What to read: from {@code start}, counting entries from {@code cutoffMillis}, new ones above {@code lastSeen}. */
    record Query(String key, String start, long cutoffMillis, Optional<StreamEntryID> lastSeen, boolean byReasonAndSymbol,
                 int topReasons, int topSymbols, int maxScan, boolean newest) {

        List<byte[]> keys() {
            return List.of(bytes(key));
        }

        List<byte[]> args() {
            return List.of(bytes(start), bytes(Long.toString(cutoffMillis)),
                    bytes(lastSeen.map(StreamEntryID::toString).orElse("")), bytes(byReasonAndSymbol ? "1" : "0"),
                    bytes(Integer.toString(topReasons)), bytes(Integer.toString(topSymbols)),
                    bytes(Integer.toString(maxScan)), bytes(newest ? "1" : "0"));
        }
    }

    /**
     * The script's answer.
     *
     * @param count        entries in the window
     * @param newSinceSeen entries read with an id above the query's last seen id
     * @param highestRead  the highest id read, empty when nothing was read
     * @param truncated    the script stopped at its scan bound before the end of the stream
     * @param reasons      the top reasons in the window, largest first; {@code otherReasons} sums the rest
     * @param symbols      the top symbols in the window, largest first; {@code otherSymbols} sums the rest
     * @param newestId     the stream's newest entry (when asked for), with its {@code newestFields}
     */
    record Result(long count, long newSinceSeen, Optional<StreamEntryID> highestRead, boolean truncated,
                  Map<String, Long> reasons, long otherReasons, Map<String, Long> symbols, long otherSymbols,
                  Optional<String> newestId, Map<String, String> newestFields) {
    }

    /** A queued call; {@link #get} runs the script again (after loading it) when the server did not know it. */
    static final class Pending {
        private final Query query;
        private final Response<Object> reply;

        private Pending(Query query, Response<Object> reply) {
            this.query = query;
            this.reply = reply;
        }

        /** @return the result, or empty after recording the problem (an error reply, or the scan bound) */
        Optional<Result> get(UnifiedJedis redis, CollectorOutput out) {
            Object raw;
            String error = Replies.error(reply);
            if (error == null) {
                raw = reply.get();
            } else if (LuaScript.isNoScript(error)) {
                raw = SCRIPT.run(redis, query.keys(), query.args());
            } else {
                out.problem("reading the window of " + query.key() + ": " + error);
                return Optional.empty();
            }
            Result result = parse(raw);
            if (result.truncated()) {
                out.problem("the window of " + query.key() + " holds more than " + query.maxScan()
                        + " entries; left out rather than exported short");
                return Optional.empty();
            }
            return Optional.of(result);
        }
    }

    private StreamWindow() {
    }

    static Pending queue(AbstractPipeline pipeline, Query query) {
        return new Pending(query, SCRIPT.queue(pipeline, query.keys(), query.args()));
    }

    @SuppressWarnings("unchecked")
    static Result parse(Object raw) {
        List<Object> reply = (List<Object>) raw;
        String highest = text(reply.get(2));
        List<Object> newest = (List<Object>) reply.get(8);
        Optional<String> newestId = Optional.empty();
        Map<String, String> newestFields = Map.of();
        if (newest.size() >= 2) {
            newestId = Optional.of(text(newest.get(0)));
            newestFields = pairs((List<Object>) newest.get(1));
        }
        return new Result(number(reply.get(0)), number(reply.get(1)),
                highest.isEmpty() ? Optional.empty() : Optional.of(new StreamEntryID(highest)),
                number(reply.get(3)) != 0,
                counts((List<Object>) reply.get(4)), number(reply.get(5)),
                counts((List<Object>) reply.get(6)), number(reply.get(7)),
                newestId, newestFields);
    }

    private static Map<String, Long> counts(List<Object> flat) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            counts.put(text(flat.get(i)), number(flat.get(i + 1)));
        }
        return counts;
    }

    private static Map<String, String> pairs(List<Object> flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(text(flat.get(i)), text(flat.get(i + 1)));
        }
        return fields;
    }

    private static long number(Object value) {
        return value instanceof Long l ? l : Long.parseLong(text(value));
    }

    private static String text(Object value) {
        return value instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
