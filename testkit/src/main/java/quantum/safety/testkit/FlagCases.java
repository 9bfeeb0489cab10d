package quantum.safety.testkit;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * The one table of values a SAFE MODE flag or kill switch key can hold, and whether each means "on". The decision
 * script and every Java reader (exporter, status page, ctl, doctor, demo) run against this same table, so they
 * cannot drift apart: absent and exactly {@code "0"} are off; everything else, including strings an operator might
 * mean as "off" and keys of another type, is on.
 */
public final class FlagCases {

    /**
     * One row.
     *
     * @param name  for test names
     * @param write puts the value at the given key (the key is deleted first)
     * @param on    whether the flag counts as on
     * @param clear whether it is one of the two clear values ({@code "0"} or {@code "1"}) or absent
     */
    public record FlagCase(String name, BiConsumer<Jedis, String> write, boolean on, boolean clear) {
        public void writeTo(Jedis jedis, String key) {
            jedis.del(key);
            write.accept(jedis, key);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private FlagCases() {
    }

    public static List<FlagCase> all() {
        return List.of(
                new FlagCase("absent", (r, k) -> { }, false, true),
                new FlagCase("\"0\"", (r, k) -> r.set(k, "0"), false, true),
                new FlagCase("\"1\"", (r, k) -> r.set(k, "1"), true, true),
                new FlagCase("\"1\" with a TTL", (r, k) -> r.setex(k, 600, "1"), true, true),
                new FlagCase("\"true\"", (r, k) -> r.set(k, "true"), true, false),
                new FlagCase("\"false\"", (r, k) -> r.set(k, "false"), true, false),
                new FlagCase("\"\" (empty)", (r, k) -> r.set(k, ""), true, false),
                new FlagCase("\" 1\"", (r, k) -> r.set(k, " 1"), true, false),
                new FlagCase("\"0 \"", (r, k) -> r.set(k, "0 "), true, false),
                new FlagCase("\"00\"", (r, k) -> r.set(k, "00"), true, false),
                new FlagCase("\"2\"", (r, k) -> r.set(k, "2"), true, false),
                new FlagCase("a hash", (r, k) -> r.hset(k, "value", "0"), true, false),
                new FlagCase("a list", (r, k) -> r.rpush(k, "0"), true, false),
                new FlagCase("a set", (r, k) -> r.sadd(k, "0"), true, false),
                new FlagCase("a sorted set", (r, k) -> r.zadd(k, 0, "0"), true, false),
                new FlagCase("a stream", (r, k) -> r.xadd(k, StreamEntryID.NEW_ENTRY, Map.of("value", "0")), true, false));
    }
}
