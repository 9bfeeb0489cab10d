package quantum.safety.reliability;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.Jedis;

/** The kernel's rate counters as Redis holds them, summed over every bucket (a test may span a window boundary). */
final class WindowCounters {

    private WindowCounters() {
    }

    /** Intents counted in the global counters: each script that got past the flags counted one. */
    static long global(Jedis jedis, RedisSchema schema) {
        return jedis.keys(schema.globalRate(0).replaceAll("0$", "*")).stream()
                .mapToLong(key -> Long.parseLong(jedis.get(key))).sum();
    }

    /**
     * Scripts Redis ran for decisions whose callers had been answered without it (the reply came after the deadline):
     * counted intents beyond those answered OK. Never negative; a figure for the table.
     */
    static long ranAfterTheDeadline(Jedis jedis, RedisSchema schema, long answeredOk) {
        return global(jedis, schema) - answeredOk;
    }
}
