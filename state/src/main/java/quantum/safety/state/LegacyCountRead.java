package quantum.safety.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Legacy counters of some windows in one round trip: MGET of the given keys in chunks of {@value #CHUNK} (so that no
 * single command holds Redis long), then each window's global counter, after them: {@link LegacyTopProof} bounds the
 * counters not read by the global counter, which holds only for a global counter read last.
 */
final class LegacyCountRead {

    static final int CHUNK = 1000;
    /** What {@link #counter(byte[])} gives for a value that is not an integer. */
    static final long NOT_AN_INTEGER = Long.MIN_VALUE;

    /**
     * What was read for one window.
     *
     * @param values the counters, in the order of the keys; an absent key is 0, a counter that is not an integer too
     * @param bad    some counters are not integers
     * @param global the window's global counter; empty when it is absent or not an integer (then it bounds nothing)
     */
    record Counts(long[] values, boolean bad, OptionalLong global) {
    }

    private LegacyCountRead() {
    }

    static Map<Long, Counts> read(UnifiedJedis redis, RedisSchema schema, Map<Long, byte[][]> keys) {
        Map<Long, List<Response<List<byte[]>>>> chunks = new HashMap<>();
        Map<Long, Response<String>> globals = new HashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            keys.forEach((bucket, bucketKeys) -> {
                List<Response<List<byte[]>>> replies = new ArrayList<>();
                for (int from = 0; from < bucketKeys.length; from += CHUNK) {
                    byte[][] chunk = new byte[Math.min(CHUNK, bucketKeys.length - from)][];
                    System.arraycopy(bucketKeys, from, chunk, 0, chunk.length);
                    replies.add(pipeline.mget(chunk));
                }
                chunks.put(bucket, replies);
            });
            keys.keySet().forEach(bucket -> globals.put(bucket, pipeline.get(schema.globalRate(bucket))));
            pipeline.sync();
        }
        Map<Long, Counts> counts = new HashMap<>();
        keys.forEach((bucket, bucketKeys) -> {
            long[] values = new long[bucketKeys.length];
            boolean bad = false;
            int i = 0;
            for (Response<List<byte[]>> chunk : chunks.get(bucket)) {
                for (byte[] value : chunk.get()) {
                    long parsed = counter(value);
                    if (parsed == NOT_AN_INTEGER) {
                        bad = true;
                        parsed = 0;
                    }
                    values[i++] = parsed;
                }
            }
            // A window reaches this read because its global counter was above 0 or unreadable a moment ago: one that
            // is missing now has expired in between, and bounds nothing (0 would prove a top that may miss symbols).
            String globalText = globals.get(bucket).get();
            OptionalLong global = globalText == null ? OptionalLong.empty()
                    : Numbers.counter(globalText, schema.globalRate(bucket), new Problems());
            counts.put(bucket, new Counts(values, bad, global));
        });
        return counts;
    }

    /** A counter's value; plain digits without a String, anything else by {@link Numbers}' rule. */
    static long counter(byte[] value) {
        if (value == null) {
            return 0;
        }
        long parsed = 0;
        boolean plain = value.length > 0 && value.length < 19;
        for (int i = 0; plain && i < value.length; i++) {
            int digit = value[i] - '0';
            plain = digit >= 0 && digit <= 9;
            parsed = parsed * 10 + digit;
        }
        if (plain) {
            return parsed;
        }
        OptionalLong general = Numbers.counter(new String(value, StandardCharsets.UTF_8), "", new Problems());
        return general.isPresent() && general.getAsLong() != NOT_AN_INTEGER ? general.getAsLong() : NOT_AN_INTEGER;
    }
}
