package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

class RateWindowsReadTest extends StateTestBase {

    private static final long BUCKET = RedisSchema.bucket(NOW_MILLIS / 1000, 10);

    private RateWindowsRead read(int top) {
        return queued(p -> RateWindowsRead.queue(p, SCHEMA, NOW_MILLIS, 10, top));
    }

    /** What the new kernel writes per checked intent: legacy counters plus the per-bucket ranking. */
    private static void checked(Jedis jedis, long bucket, String symbol, int count) {
        legacy(jedis, bucket, symbol, count);
        jedis.zincrby(SCHEMA.symbolRanking(bucket), count, symbol);
    }

    /** What the legacy kernel writes: counters only, no ranking. */
    private static void legacy(Jedis jedis, long bucket, String symbol, int count) {
        jedis.incrBy(SCHEMA.globalRate(bucket), count);
        jedis.incrBy(SCHEMA.symbolRate(symbol, bucket), count);
    }

    @Test
    void theRankingGivesTheTopSymbolsTiesBySymbol() {
        try (Jedis jedis = jedis()) {
            checked(jedis, BUCKET, "SOLUSDT", 2);
            checked(jedis, BUCKET, "BTCUSDT", 6);
            checked(jedis, BUCKET, "ARBUSDT", 2);
            checked(jedis, BUCKET - 1, "ETHUSDT", 4);
        }
        RateWindowsRead read = read(3);
        RateWindow now = read.current(client, UNLIMITED);
        assertThat(now.bucket()).isEqualTo(BUCKET);
        assertThat(now.globalCount()).hasValue(10);
        assertThat(now.top()).containsExactly(new SymbolCount("BTCUSDT", 6), new SymbolCount("ARBUSDT", 2),
                new SymbolCount("SOLUSDT", 2));
        assertThat(read.previous(client, UNLIMITED).top()).containsExactly(new SymbolCount("ETHUSDT", 4));
        assertThat(now.problems()).isEmpty();
    }

    @Test
    void legacyCountersOfBothWindowsAreFoundInOneScanAmongUnrelatedKeys() {
        try (Jedis jedis = jedis()) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < 5_000; i++) {
                pipeline.set("other:service:key:" + i, "x");
            }
            pipeline.sync();
            for (int i = 0; i < 10; i++) {
                legacy(jedis, BUCKET, "SYM" + i, i + 1);
                legacy(jedis, BUCKET - 1, "OLD" + i, 100 + i);
            }
            legacy(jedis, BUCKET - 2, "GONE", 1_000);
        }
        long scansBefore = calls("scan");
        RateWindowsRead read = read(3);
        RateWindow now = read.current(client, UNLIMITED);
        RateWindow before = read.previous(client, UNLIMITED);
        long bothWindows = calls("scan") - scansBefore;

        assertThat(now.top()).extracting(SymbolCount::symbol).containsExactly("SYM9", "SYM8", "SYM7");
        assertThat(before.top()).extracting(SymbolCount::symbol).containsExactly("OLD9", "OLD8", "OLD7");
        assertThat(now.scanTruncated()).isFalse();
        // One walk of the keyspace for both windows: as many SCAN calls as a read where one window needs it.
        long oneWindowBefore = calls("scan");
        RateWindowsRead later = queued(p -> RateWindowsRead.queue(p, SCHEMA, NOW_MILLIS + 10_000, 10, 3));
        assertThat(later.previous(client, UNLIMITED).top()).extracting(SymbolCount::symbol).startsWith("SYM9");
        assertThat(bothWindows).isPositive().isEqualTo(calls("scan") - oneWindowBefore);
    }

    @Test
    void noScanWhenTheWindowsSawNoIntents() {
        try (Jedis jedis = jedis()) {
            for (int i = 0; i < 10; i++) {
                jedis.set(SCHEMA.symbolRate("SYM" + i, BUCKET - 5), "5");
            }
        }
        long scansBefore = calls("scan");
        RateWindow now = read(5).current(client, UNLIMITED);
        assertThat(calls("scan")).isEqualTo(scansBefore);
        assertThat(now.top()).isEmpty();
        assertThat(now.globalCount()).hasValue(0);
    }

    @Test
    void theScanStopsAtTheBudgetAndSaysSo() {
        try (Jedis jedis = jedis()) {
            legacy(jedis, BUCKET, "BTCUSDT", 3);
        }
        RateWindow now = queued(p -> RateWindowsRead.queue(p, SCHEMA, NOW_MILLIS, 10, 5)).current(client, () -> true);
        assertThat(now.scanTruncated()).isTrue();
        assertThat(now.globalCount()).hasValue(3);
    }

    @Test
    void aNonNumericCounterIsAProblemAndTheRankingStillRead() {
        try (Jedis jedis = jedis()) {
            jedis.set(SCHEMA.globalRate(BUCKET), "lots");
            jedis.zadd(SCHEMA.symbolRanking(BUCKET), 2, "BTCUSDT");
        }
        RateWindow now = read(5).current(client, UNLIMITED);
        assertThat(now.globalCount()).isEmpty();
        assertThat(now.top()).containsExactly(new SymbolCount("BTCUSDT", 2));
        assertThat(now.problems()).singleElement().asString().contains(SCHEMA.globalRate(BUCKET), "integer");
    }

    @Test
    void aRankingOfTheWrongTypeIsAProblemAndNoScan() {
        try (Jedis jedis = jedis()) {
            jedis.set(SCHEMA.globalRate(BUCKET), "3");
            jedis.set(SCHEMA.symbolRanking(BUCKET), "not a zset");
            jedis.set(SCHEMA.symbolRate("BTCUSDT", BUCKET), "3");
        }
        long scansBefore = calls("scan");
        RateWindow now = read(5).current(client, UNLIMITED);
        assertThat(now.rankingRead()).isFalse();
        assertThat(now.top()).isEmpty();
        assertThat(calls("scan")).isEqualTo(scansBefore);
        assertThat(now.problems()).singleElement().asString().contains("WRONGTYPE");
    }

    @Test
    void aBadLegacyCounterIsAProblemOfItsOwnWindowOnly() {
        try (Jedis jedis = jedis()) {
            legacy(jedis, BUCKET, "BTCUSDT", 3);
            jedis.set(SCHEMA.globalRate(BUCKET - 1), "2");
            jedis.set(SCHEMA.symbolRate("ETHUSDT", BUCKET - 1), "two");
        }
        RateWindowsRead read = read(5);
        assertThat(read.current(client, UNLIMITED).problems()).isEmpty();
        assertThat(read.previous(client, UNLIMITED).problems()).singleElement().asString().contains("integers");
    }

    @Test
    void aPreviousWindowWhoseGlobalCounterExpiredBeforeItsSymbolsShowsNoGlobalCountRatherThanZero() {
        // What kernels before this version leave 2 s into the next window: the global counter (created at the
        // window's first intent) is gone while the ranking (refreshed by later symbols) still holds 11.
        try (Jedis jedis = jedis()) {
            jedis.zadd(SCHEMA.symbolRanking(BUCKET - 1), 11, "BTCUSDT");
            checked(jedis, BUCKET, "ETHUSDT", 2);
        }
        RateWindowsRead read = read(5);

        RateWindow before = read.previous(client, UNLIMITED);
        assertThat(before.globalExpired()).isTrue();
        assertThat(before.globalCount()).isEmpty();
        assertThat(before.top()).containsExactly(new SymbolCount("BTCUSDT", 11));
        assertThat(before.problems()).isEmpty();
        RateWindow now = read.current(client, UNLIMITED);
        assertThat(now.globalExpired()).isFalse();
        assertThat(now.globalCount()).hasValue(2);
    }

    @Test
    void aWindowWithNeitherCounterIsEmptyNotExpired() {
        RateWindow before = read(5).previous(client, UNLIMITED);

        assertThat(before.globalExpired()).isFalse();
        assertThat(before.globalCount()).hasValue(0);
        assertThat(before.top()).isEmpty();
    }
}
