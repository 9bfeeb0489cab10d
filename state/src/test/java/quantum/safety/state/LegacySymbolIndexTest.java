package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * Windows written by the old kernel (per-symbol counters, no ranking) read through the index, against a real Redis
 * with 50,000 keys that are not counters. The index's background thread is kept out (its own test class covers it)
 * unless a test says otherwise, so that the Redis commands counted here are the reads' own.
 */
class LegacySymbolIndexTest extends StateTestBase {

    private static final long BUCKET = RedisSchema.bucket(NOW_MILLIS / 1000, 10);
    /** The top five of {@link #seedBusyWindow}, hand-computed: ties go by symbol. */
    private static final List<SymbolCount> TOP_FIVE = List.of(new SymbolCount("BTCUSDT", 900),
            new SymbolCount("ADAUSDT", 500), new SymbolCount("ZECUSDT", 500), new SymbolCount("ETHUSDT", 450),
            new SymbolCount("SOLUSDT", 98));

    private LegacySymbolIndex index;

    private LegacySymbolIndex index() {
        LegacySymbolIndex.Settings noBackground = new LegacySymbolIndex.Settings(Duration.ofSeconds(600),
                Duration.ofMinutes(5), Duration.ofHours(1), 100_000, d -> d);
        index = new LegacySymbolIndex(() -> new JedisPooled(redis.host(), redis.port()), SCHEMA, noBackground);
        return index;
    }

    @AfterEach
    void closeIndex() {
        if (index != null) {
            index.close();
        }
    }

    private RateWindowsRead read(long nowMillis) {
        return queued(p -> RateWindowsRead.queue(p, SCHEMA, nowMillis, 10, 5, index));
    }

    /** What the old kernel leaves: INCR global, then INCR symbol, per intent. */
    private static void legacy(Pipeline p, long bucket, String symbol, long count) {
        p.incrBy(SCHEMA.globalRate(bucket), count);
        p.incrBy(SCHEMA.symbolRate(symbol, bucket), count);
    }

    /**
     * 50,000 unrelated keys; 9,995 symbols with 1 to 97 intents and five busier ones in {@code bucket}; decoys that must
     * not count: a busier symbol in an older bucket, and counter-like keys under another prefix.
     */
    private void seedBusyWindow(long bucket) {
        try (Jedis jedis = jedis()) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 50_000; i++) {
                p.set("other:service:key:" + i, "x");
            }
            for (int i = 0; i < 9_995; i++) {
                legacy(p, bucket, String.format("S%04d", i), i % 97 + 1);
            }
            legacy(p, bucket, "ETHUSDT", 450);
            legacy(p, bucket, "ZECUSDT", 500);
            legacy(p, bucket, "SOLUSDT", 98);
            legacy(p, bucket, "BTCUSDT", 900);
            legacy(p, bucket, "ADAUSDT", 500);
            legacy(p, bucket - 5, "DOGEUSDT", 100_000);
            p.set("other:safety:rate:symbol:XRPUSDT:" + bucket, "99999");
            p.sync();
        }
    }

    @Test
    void theTopFiveOf10000LegacySymbolsAmong50000UnrelatedKeysIsExactAndLaterReadsReadOnlyTheBusiest() {
        seedBusyWindow(BUCKET);
        index();

        RateWindow first = read(NOW_MILLIS).current(client, UNLIMITED);
        assertThat(first.top()).containsExactlyElementsOf(TOP_FIVE);
        assertThat(first.scanTruncated()).isFalse();
        assertThat(first.problems()).isEmpty();
        assertThat(first.legacyIndexAge()).isPresent();

        long scans = calls("scan");
        long mgets = calls("mget");
        RateWindow again = read(NOW_MILLIS + 1_000).current(client, UNLIMITED);
        assertThat(again.top()).containsExactlyElementsOf(TOP_FIVE);
        assertThat(again.scanTruncated()).isFalse();
        // No walk of the keyspace, and one MGET of the window's busiest symbols, not one per 1,000 symbols.
        assertThat(calls("scan")).isEqualTo(scans);
        assertThat(calls("mget") - mgets).isEqualTo(1);
    }

    @Test
    void aSymbolThatAppearsAfterTheIndexWasBuiltAndBecomesTheBusiestIsNamedByTheNextRead() {
        seedBusyWindow(BUCKET);
        index();
        assertThat(read(NOW_MILLIS).current(client, UNLIMITED).top()).containsExactlyElementsOf(TOP_FIVE);

        try (Jedis jedis = jedis()) {
            Pipeline p = jedis.pipelined();
            legacy(p, BUCKET, "NEWUSDT", 2_000);
            p.sync();
        }
        RateWindow later = read(NOW_MILLIS + 2_000).current(client, UNLIMITED);

        assertThat(later.top()).extracting(SymbolCount::symbol)
                .containsExactly("NEWUSDT", "BTCUSDT", "ADAUSDT", "ZECUSDT", "ETHUSDT");
        assertThat(later.scanTruncated()).isFalse();
    }

    @Test
    void aBusierCounterOfAKnownSymbolIsSeenByTheNextRead() {
        seedBusyWindow(BUCKET);
        index();
        read(NOW_MILLIS).current(client, UNLIMITED);

        try (Jedis jedis = jedis()) {
            Pipeline p = jedis.pipelined();
            // A quiet symbol, not among the busiest the index reads again, overtakes them all.
            legacy(p, BUCKET, "S0001", 5_000);
            p.sync();
        }
        RateWindow later = read(NOW_MILLIS + 2_000).current(client, UNLIMITED);

        assertThat(later.top()).first().isEqualTo(new SymbolCount("S0001", 5_002));
        assertThat(later.top()).hasSize(5);
    }

    @Test
    void aCounterDeletedByHandIsNotShownAndTheRestStillRanks() {
        seedBusyWindow(BUCKET);
        index();
        read(NOW_MILLIS).current(client, UNLIMITED);
        try (Jedis jedis = jedis()) {
            jedis.del(SCHEMA.symbolRate("BTCUSDT", BUCKET));
        }

        RateWindow later = read(NOW_MILLIS + 2_000).current(client, UNLIMITED);

        // The global counter still holds its 900: nothing proves the rest, so the read walks the keyspace first.
        assertThat(later.top()).extracting(SymbolCount::symbol)
                .containsExactly("ADAUSDT", "ZECUSDT", "ETHUSDT", "SOLUSDT", "S0096");
        assertThat(later.scanTruncated()).isFalse();
    }

    @Test
    void atTheNextWindowTheKnownSymbolsAreReadWithoutWalkingTheKeyspace() {
        seedBusyWindow(BUCKET);
        index();
        read(NOW_MILLIS).current(client, UNLIMITED);
        try (Jedis jedis = jedis()) {
            Pipeline p = jedis.pipelined();
            legacy(p, BUCKET + 1, "ETHUSDT", 30);
            legacy(p, BUCKET + 1, "S0042", 20);
            legacy(p, BUCKET + 1, "BTCUSDT", 10);
            p.sync();
        }

        long scans = calls("scan");
        RateWindowsRead next = read(NOW_MILLIS + 10_000);
        RateWindow now = next.current(client, UNLIMITED);
        RateWindow before = next.previous(client, UNLIMITED);

        assertThat(now.bucket()).isEqualTo(BUCKET + 1);
        assertThat(now.top()).containsExactly(new SymbolCount("ETHUSDT", 30), new SymbolCount("S0042", 20),
                new SymbolCount("BTCUSDT", 10));
        assertThat(now.scanTruncated()).isFalse();
        assertThat(before.top()).containsExactlyElementsOf(TOP_FIVE);
        assertThat(calls("scan")).isEqualTo(scans);
    }

    @Test
    void aClosedWindowWhoseCountersExpireIsProvenByTheWalkAfterItEndedAndNotWalkedAgain() {
        // The previous window: its global counter outlives the counters of symbols that stopped trading early.
        try (Jedis jedis = jedis()) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 5_000; i++) {
                p.set("other:service:key:" + i, "x");
            }
            for (int i = 0; i < 50; i++) {
                legacy(p, BUCKET, "S" + i, i + 1);
            }
            p.sync();
        }
        index = new LegacySymbolIndex(() -> new JedisPooled(redis.host(), redis.port()), SCHEMA,
                new LegacySymbolIndex.Settings(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(1), 100_000,
                        d -> d));
        long oneSecondIntoTheNext = (BUCKET + 1) * 10_000 + 1_000;
        assertThat(queued(p -> RateWindowsRead.queue(p, SCHEMA, oneSecondIntoTheNext, 10, 5, index))
                .previous(client, UNLIMITED).top()).extracting(SymbolCount::symbol)
                .containsExactly("S49", "S48", "S47", "S46", "S45");
        index.close();
        try (Jedis jedis = jedis()) {
            jedis.del(SCHEMA.symbolRate("S49", BUCKET), SCHEMA.symbolRate("S30", BUCKET));
        }

        long scans = calls("scan");
        RateWindow before = queued(p -> RateWindowsRead.queue(p, SCHEMA, oneSecondIntoTheNext + 500, 10, 5, index))
                .previous(client, UNLIMITED);

        // The global counter now exceeds the counters by 80, more than the fifth holds: only the walk proves it.
        assertThat(before.top()).extracting(SymbolCount::symbol).containsExactly("S48", "S47", "S46", "S45", "S44");
        assertThat(before.scanTruncated()).isFalse();
        assertThat(calls("scan")).isEqualTo(scans);
    }

    @Test
    void aBadCounterIsAProblemOfItsWindowAndTheOthersStillRank() {
        try (Jedis jedis = jedis()) {
            Pipeline p = jedis.pipelined();
            legacy(p, BUCKET, "BTCUSDT", 3);
            legacy(p, BUCKET, "ETHUSDT", 2);
            p.set(SCHEMA.symbolRate("XRPUSDT", BUCKET), "lots");
            p.sync();
        }
        index();

        RateWindow now = read(NOW_MILLIS).current(client, UNLIMITED);

        assertThat(now.top()).containsExactly(new SymbolCount("BTCUSDT", 3), new SymbolCount("ETHUSDT", 2));
        assertThat(now.problems()).singleElement().asString().contains("integers");
        assertThat(read(NOW_MILLIS + 1).current(client, UNLIMITED).problems()).singleElement().asString()
                .contains("integers");
    }

    @Test
    void aReadWithoutBudgetSaysItsTopIsIncomplete() {
        try (Jedis jedis = jedis()) {
            Pipeline p = jedis.pipelined();
            legacy(p, BUCKET, "BTCUSDT", 3);
            p.sync();
        }
        index();

        RateWindow now = queued(p -> RateWindowsRead.queue(p, SCHEMA, NOW_MILLIS, 10, 5, index))
                .current(client, () -> true);

        assertThat(now.scanTruncated()).isTrue();
        assertThat(now.globalCount()).hasValue(3);
    }

    @Test
    void theKernelsRankingsNeedNoIndex() {
        try (Jedis jedis = jedis()) {
            jedis.incrBy(SCHEMA.globalRate(BUCKET), 3);
            jedis.incrBy(SCHEMA.symbolRate("BTCUSDT", BUCKET), 3);
            jedis.zadd(SCHEMA.symbolRanking(BUCKET), 3, "BTCUSDT");
        }
        index();

        RateWindow now = read(NOW_MILLIS).current(client, UNLIMITED);

        assertThat(now.top()).containsExactly(new SymbolCount("BTCUSDT", 3));
        assertThat(now.legacyIndexAge()).isEmpty();
        assertThat(index.walking()).isFalse();
        assertThat(index.size()).isZero();
    }
}
