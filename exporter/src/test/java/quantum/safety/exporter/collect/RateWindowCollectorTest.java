package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static quantum.safety.exporter.TestExporters.NOW_MILLIS;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.Seed;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.state.LegacySymbolIndex;
import quantum.safety.state.RedisFeatures;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

class RateWindowCollectorTest extends CollectorTestBase {

    private static final long BUCKET = RedisSchema.bucket(NOW_MILLIS / 1000, 10);

    RateWindowCollectorTest(TestRedis redis) {
        super(redis, RedisFeatures.REDIS_7);
    }

    /** 50,000 keys that are not ours, plus 2,000 symbols of the current window; symbol i has i+1 intents. */
    private void seedBusyKeyspace(boolean legacyKernel) {
        try (Jedis jedis = redis.connect()) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < 50_000; i++) {
                pipeline.set("other:service:key:" + i, "x");
            }
            for (int i = 0; i < 2_000; i++) {
                String symbol = "SYM" + i;
                pipeline.incrBy(Seed.SCHEMA.globalRate(BUCKET), i + 1);
                pipeline.set(Seed.SCHEMA.symbolRate(symbol, BUCKET), Integer.toString(i + 1));
                pipeline.set(Seed.SCHEMA.symbolRate(symbol, BUCKET - 1), "100000");
                if (!legacyKernel) {
                    pipeline.zadd(Seed.SCHEMA.symbolRanking(BUCKET), i + 1, symbol);
                }
            }
            pipeline.sync();
        }
    }

    private static void assertTopFive(CollectorHarness.Result r) {
        assertThat(r.output().problems()).isEmpty();
        assertThat(r.metrics().family("quantum_safety_rate_symbol_top")).containsExactly(
                java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"SYM1999\"}", 2000.0),
                java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"SYM1998\"}", 1999.0),
                java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"3\",symbol=\"SYM1997\"}", 1998.0),
                java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"4\",symbol=\"SYM1996\"}", 1997.0),
                java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"5\",symbol=\"SYM1995\"}", 1996.0));
        assertThat(r.metrics().get("quantum_safety_rate_global_current_window")).isEqualTo(2000 * 2001 / 2);
        assertThat(r.metrics().get("quantum_safety_rate_symbol_scan_truncated")).isZero();
    }

    @Test
    void legacyBug2_top5IsCorrectWith50000UnrelatedKeys() {
        seedBusyKeyspace(false);
        assertTopFive(harness.run(new RateWindowCollector(true)));
    }

    @Test
    void legacyBug2_top5FromLegacyCountersIsCorrectWith50000UnrelatedKeysAndNoKeyCap() {
        // The old kernel writes no ranking: the fallback SCAN must see every key of the window, not the first 1000.
        seedBusyKeyspace(true);
        assertTopFive(harness.run(new RateWindowCollector(true)));
    }

    @Test
    void legacyBug2_top5FromLegacyCountersThroughTheExportersIndexIsCorrectScrapeAfterScrape() {
        // What the exporter does with the old kernel's state: no walk of the keyspace on every scrape.
        seedBusyKeyspace(true);
        try (LegacySymbolIndex index = LegacySymbolIndex.create(() -> new JedisPooled(redis.host(), redis.port()),
                Seed.SCHEMA)) {
            harness.legacyIndex(index);
            CollectorHarness.Result first = harness.run(new RateWindowCollector(true));
            assertTopFive(first);
            assertThat(first.metrics().get("quantum_safety_rate_symbol_index_age_seconds")).isNotNegative();

            long mgets = calls("mget");
            CollectorHarness.Result again = harness.run(new RateWindowCollector(true));
            assertTopFive(again);
            assertThat(again.metrics().get("quantum_safety_rate_symbol_index_age_seconds")).isNotNegative();
            // One MGET of the window's busiest counters (a read of all 2,000 takes two), and no walk of its own.
            assertThat(calls("mget") - mgets).isEqualTo(1);
        }
    }

    @Test
    void theIndexAgeIsOnlyExportedForWindowsReadFromLegacyCounters() {
        try (Jedis jedis = redis.connect()) {
            Seed.checkedIntents(jedis, BUCKET, "BTCUSDT", 3);
        }
        try (LegacySymbolIndex index = LegacySymbolIndex.create(() -> new JedisPooled(redis.host(), redis.port()),
                Seed.SCHEMA)) {
            CollectorHarness.Result r = harness.legacyIndex(index).run(new RateWindowCollector(true));
            assertThat(r.metrics().get("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"BTCUSDT\"}")).isEqualTo(3);
            assertThat(r.metrics().has("quantum_safety_rate_symbol_index_age_seconds")).isFalse();
            assertThat(index.walking()).isFalse();
        }
    }

    @Test
    void legacyBug4_rankSeriesVanishWhenTheBucketHasNoSymbols() {
        try (Jedis jedis = redis.connect()) {
            Seed.checkedIntents(jedis, BUCKET, "BTCUSDT", 3);
            Seed.checkedIntents(jedis, BUCKET, "ETHUSDT", 1);
        }
        RateWindowCollector collector = new RateWindowCollector(true);
        CollectorHarness.Result busy = harness.run(collector);
        assertThat(busy.metrics().family("quantum_safety_rate_symbol_top")).hasSize(2);

        CollectorHarness.Result quiet = harness.now(NOW_MILLIS + 10_000).run(collector);
        assertThat(quiet.metrics().has("quantum_safety_rate_symbol_top")).isFalse();
        assertThat(quiet.metrics().body()).doesNotContain("symbol=\"\"");
        assertThat(quiet.metrics().get("quantum_safety_rate_symbol_top5_info{symbols=\"none\"}")).isEqualTo(1);
        assertThat(quiet.metrics().get("quantum_safety_rate_global_current_window")).isZero();
    }

    @Test
    void legacyBug5_top5InfoCanBeTurnedOffBecauseEveryCountIsANewSeries() {
        try (Jedis jedis = redis.connect()) {
            Seed.checkedIntents(jedis, BUCKET, "BTCUSDT", 3);
        }
        CollectorHarness.Result on = harness.run(new RateWindowCollector(true));
        assertThat(on.metrics().get("quantum_safety_rate_symbol_top5_info{count_1=\"3\",symbol_1=\"BTCUSDT\"}")).isEqualTo(1);

        CollectorHarness.Result off = harness.run(new RateWindowCollector(false));
        assertThat(off.metrics().has("quantum_safety_rate_symbol_top5_info")).isFalse();
        assertThat(off.metrics().get("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"BTCUSDT\"}")).isEqualTo(3);
    }

    @Test
    void theLegacyScanStopsAtTheDeadlineAndSaysSo() {
        try (Jedis jedis = redis.connect()) {
            Seed.legacyCheckedIntents(jedis, BUCKET, "BTCUSDT", 3);
        }
        CollectorHarness.Result r = harness.deadline(Deadline.expired()).run(new RateWindowCollector(true));
        assertThat(r.metrics().get("quantum_safety_rate_symbol_scan_truncated")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_rate_global_current_window")).isEqualTo(3);
    }

    @Test
    void noScanWhenTheWindowSawNoIntents() {
        try (Jedis jedis = redis.connect()) {
            for (int i = 0; i < 100; i++) {
                jedis.set(Seed.SCHEMA.symbolRate("SYM" + i, BUCKET - 1), "5");
            }
        }
        long scansBefore = scanCalls();
        CollectorHarness.Result r = harness.run(new RateWindowCollector(true));
        assertThat(scanCalls()).isEqualTo(scansBefore);
        assertThat(r.metrics().has("quantum_safety_rate_symbol_top")).isFalse();
    }

    @Test
    void aNonNumericCounterIsCountedNotThrown() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.globalRate(BUCKET), "lots");
            jedis.zadd(Seed.SCHEMA.symbolRanking(BUCKET), 2, "BTCUSDT");
        }
        CollectorHarness.Result r = harness.run(new RateWindowCollector(true));
        assertThat(r.output().ok()).isFalse();
        assertThat(r.metrics().has("quantum_safety_rate_global_current_window")).isFalse();
        assertThat(r.metrics().get("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"BTCUSDT\"}")).isEqualTo(2);
    }

    private long scanCalls() {
        return calls("scan");
    }

    private long calls(String command) {
        try (Jedis jedis = redis.connect()) {
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_" + command + ":")) {
                    // The first "calls=" of the line: Redis 7 adds failed_calls= after it.
                    return Long.parseLong(line.replaceFirst("^cmdstat_[^:]+:calls=(\\d+),.*$", "$1"));
                }
            }
            return 0;
        }
    }
}
