package quantum.safety.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The type of every fixed key of the contract, next to the type the kernel writes there: a key of another type means
 * something else writes it.
 *
 * @param expected key to the type the kernel writes
 * @param actual   key to what TYPE answered ({@code none} when absent)
 */
public record KeyTypes(Map<String, String> expected, Map<String, String> actual) {

    public KeyTypes {
        expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
        actual = Collections.unmodifiableMap(new LinkedHashMap<>(actual));
    }

    /** The contract's fixed keys (the per-bucket counters come and go) and the type of each. */
    public static Map<String, String> contract(RedisSchema schema) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(schema.safeMode(), "string");
        expected.put(schema.safeModeInfo(), "hash");
        expected.put(schema.faultStream(), "stream");
        expected.put(schema.auditStream(), "stream");
        expected.put(schema.tradeIntentStream(), "stream");
        expected.put(schema.killSwitch(), "string");
        expected.put(schema.executionMode(), "string");
        expected.put(schema.governorGate(), "string");
        expected.put(schema.decisionCounters(), "hash");
        expected.put(schema.kernelTotals(), "hash");
        expected.put(schema.tripStreak(), "string");
        expected.put(schema.kernelSettings(), "hash");
        return expected;
    }

    /** TYPE of every contract key in one round trip; connection failures propagate as Jedis exceptions. */
    public static KeyTypes read(UnifiedJedis redis, RedisSchema schema) {
        Map<String, String> expected = contract(schema);
        Map<String, Response<String>> replies = new LinkedHashMap<>();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            expected.keySet().forEach(key -> replies.put(key, pipeline.type(key)));
            pipeline.sync();
        }
        Map<String, String> actual = new LinkedHashMap<>();
        replies.forEach((key, type) -> actual.put(key, type.get()));
        return new KeyTypes(expected, actual);
    }

    /** Whether {@code key} is absent or of the type the kernel writes. */
    public boolean fits(String key) {
        String type = actual.getOrDefault(key, "none");
        return type.equals("none") || type.equals(expected.get(key));
    }

    /** The keys of another type than the kernel writes. */
    public List<String> misfits() {
        return expected.keySet().stream().filter(key -> !fits(key)).toList();
    }
}
