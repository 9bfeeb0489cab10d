package quantum.safety.bench;

import java.util.Locale;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.Jedis;

/** The two states of Redis an exporter comparison runs against, one per kernel generation. */
enum SeededState {

    /** What this kernel writes: the ranking ZSET next to the legacy counters, 20,000 unrelated keys. */
    KERNEL {
        @Override
        void seed(Jedis jedis, long nowMillis, int windowSeconds, int symbols) {
            ExporterBenchData.seed(jedis, nowMillis, windowSeconds, symbols);
            ExporterBenchData.seedWindow(jedis, RedisSchema.bucket(nowMillis / 1000, windowSeconds) + 1, symbols);
        }
    },
    /** What the old kernel writes: legacy counters only, 50,000 unrelated keys ({@link LegacyBenchData}). */
    LEGACY {
        @Override
        void seed(Jedis jedis, long nowMillis, int windowSeconds, int symbols) {
            LegacyBenchData.seed(jedis, nowMillis, windowSeconds, symbols);
        }
    };

    /** Replaces everything in Redis with this state, {@code symbols} active in the current window and the next. */
    abstract void seed(Jedis jedis, long nowMillis, int windowSeconds, int symbols);

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code kernel} or {@code legacy}, as on the command line. */
    static SeededState parse(String text) {
        for (SeededState state : values()) {
            if (state.label().equals(text.trim())) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "': use kernel, legacy or both (kernel,legacy)");
    }
}
