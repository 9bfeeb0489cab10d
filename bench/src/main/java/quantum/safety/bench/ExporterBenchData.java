package quantum.safety.bench;

import java.util.Map;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * A busy but realistic Redis for exporter benchmarks: N active symbols in the current window, 100 faults in the last
 * hour (all read by every scrape), 120 intents in the last minute on a stream of 10,000, decision counters, a SAFE MODE
 * with TTL, and unrelated keys. The window is written as this project's kernel writes it (ranking and legacy
 * counters; 20,000 unrelated keys) or as the old kernel did (legacy counters only, no ranking; 50,000 unrelated keys).
 */
final class ExporterBenchData {

    static final RedisSchema SCHEMA = RedisSchema.legacy();

    /** Who wrote the rate windows. */
    enum Writer {
        KERNEL(true, 20_000, "this kernel (ranking ZSET and legacy counters), 20,000 unrelated keys"),
        OLD_KERNEL(false, 50_000, "the old kernel (legacy per-symbol counters only, no ranking), 50,000 unrelated keys");

        final boolean ranking;
        final int unrelatedKeys;
        final String description;

        Writer(boolean ranking, int unrelatedKeys, String description) {
            this.ranking = ranking;
            this.unrelatedKeys = unrelatedKeys;
            this.description = description;
        }
    }

    private ExporterBenchData() {
    }

    static void seed(Jedis jedis, long nowMillis, int windowSeconds, int symbols) {
        seed(jedis, nowMillis, windowSeconds, symbols, Writer.KERNEL);
    }

    static void seed(Jedis jedis, long nowMillis, int windowSeconds, int symbols, Writer writer) {
        jedis.flushAll();
        Pipeline p = jedis.pipelined();
        for (int i = 0; i < writer.unrelatedKeys; i++) {
            p.set("other:service:" + i, "x");
        }
        p.hset(SCHEMA.decisionCounters(), Map.of("OK", "123456", "SAFE_MODE_ENABLED", "42",
                "GLOBAL_RATE_EXCEEDED", "3", "SYMBOL_RATE_EXCEEDED", "9"));
        p.hset(SCHEMA.kernelTotals(), "trips", "100");
        p.set(SCHEMA.killSwitch(), "0");
        p.set(SCHEMA.executionMode(), "LIVE");
        p.set(SCHEMA.governorGate(), "ENABLED");
        p.setex(SCHEMA.safeMode(), 300, "1");
        for (int i = 0; i < 100; i++) {
            long at = nowMillis - 3_500_000 + i * 30_000L;
            p.xadd(SCHEMA.faultStream(), XAddParams.xAddParams().id(new StreamEntryID(at, 0)).maxLen(1000),
                    Map.ofEntries(Map.entry("timestamp", Long.toString(at / 1000)),
                            Map.entry("reason", "SYMBOL_RATE_EXCEEDED"), Map.entry("symbol", "SYM" + (i % 17)),
                            Map.entry("side", "BUY"), Map.entry("global_count", "12"), Map.entry("symbol_count", "6"),
                            Map.entry("global_max", "20"), Map.entry("symbol_max", "5"), Map.entry("window_sec", "10"),
                            Map.entry("cooldown_sec", "300"), Map.entry("router_pid", "4242"),
                            Map.entry("correlation_id", "c-" + i), Map.entry("trace_id", "")));
        }
        for (int i = 0; i < 10_000; i++) {
            // 9,880 intents over the ten minutes before the last one, then 120 in the last minute (2 per second)
            long at = i < 9_880 ? nowMillis - 600_000 + i * 54L : nowMillis - 60_000 + (i - 9_880) * 500L;
            p.xadd(SCHEMA.tradeIntentStream(), XAddParams.xAddParams().id(new StreamEntryID(at, 0)).maxLen(10_000),
                    Map.of("data", "{\"symbol\":\"SYM" + (i % 97) + "\",\"side\":\"BUY\",\"qty\":0.01,\"px\":64000.5}"));
        }
        p.sync();
        seedWindow(jedis, RedisSchema.bucket(nowMillis / 1000, windowSeconds), symbols, writer);
    }

    /** One window's counters for {@code symbols} symbols, symbol i with i+1 intents. */
    static void seedWindow(Jedis jedis, long bucket, int symbols) {
        seedWindow(jedis, bucket, symbols, Writer.KERNEL);
    }

    /** One window's counters as {@code writer} leaves them; the global counter is their sum, as both kernels count. */
    static void seedWindow(Jedis jedis, long bucket, int symbols, Writer writer) {
        Pipeline p = jedis.pipelined();
        long total = 0;
        for (int i = 0; i < symbols; i++) {
            String symbol = "SYM" + i;
            p.set(SCHEMA.symbolRate(symbol, bucket), Integer.toString(i + 1));
            if (writer.ranking) {
                p.zadd(SCHEMA.symbolRanking(bucket), i + 1, symbol);
            }
            total += i + 1;
        }
        p.set(SCHEMA.globalRate(bucket), Long.toString(total));
        p.sync();
    }

    /**
     * {@code INFO commandstats} calls per command, summed; {@code total_reads_processed} (read events); the
     * microseconds Redis spent in commands, summed; and the calls of SCAN alone.
     */
    static long[] commandsAndReads(Jedis jedis) {
        long commands = 0;
        long usec = 0;
        long scans = 0;
        for (String line : jedis.info("commandstats").split("\r?\n")) {
            int calls = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && calls > 0) {
                long n = Long.parseLong(line.substring(calls + 6, line.indexOf(',', calls)));
                commands += n;
                int at = line.indexOf("usec=");
                usec += Long.parseLong(line.substring(at + 5, line.indexOf(',', at)));
                if (line.startsWith("cmdstat_scan:")) {
                    scans += n;
                }
            }
        }
        long reads = 0;
        for (String line : jedis.info("stats").split("\r?\n")) {
            if (line.startsWith("total_reads_processed:")) {
                reads = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return new long[] {commands, reads, usec, scans};
    }
}
