package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

class StateReadTest extends StateTestBase {

    private static final StatusLimits LIMITS = StatusLimits.builder().kernel(KernelConfig.defaults()).build();

    /** Calls of every command but INFO so far, from INFO commandstats. */
    private long allCalls() {
        try (Jedis jedis = jedis()) {
            return jedis.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_") && !l.startsWith("cmdstat_info:"))
                    .mapToLong(StateTestBase::callsOf).sum();
        }
    }

    @Test
    void everyFixedReadIsInTheOneRoundTripAndFinishingCostsNothingMore() {
        try (Jedis jedis = jedis()) {
            jedis.set(SCHEMA.safeMode(), "1");
            jedis.xadd(SCHEMA.faultStream(), new StreamEntryID(NOW_MILLIS - 1_000, 0), Map.of("reason", "R"));
            long bucket = RedisSchema.bucket(NOW_MILLIS / 1000, 10);
            jedis.set(SCHEMA.globalRate(bucket), "1");
            jedis.zadd(SCHEMA.symbolRanking(bucket), 1, "BTCUSDT");
        }
        StateQuery query = StateQuery.of(SCHEMA, NOW_MILLIS, LIMITS, false).withIntents(Optional.empty());
        StateRead read = queued(p -> StateRead.queue(p, query, client, UNLIMITED));
        long afterSync = allCalls();

        assertThat(read.safeMode().flag().on()).isTrue();
        read.controls();
        read.kernelStats();
        assertThat(read.faults().lastHour().orElseThrow().count()).isEqualTo(1);
        assertThat(read.currentWindow().top()).hasSize(1);
        read.previousWindow();
        assertThat(read.intents()).isPresent();

        assertThat(allCalls()).as("commands sent after the pipeline").isEqualTo(afterSync);
    }

    @Test
    void theTradeIntentStreamIsReadOnlyWhenAsked() {
        StateRead read = queued(p -> StateRead.queue(p, StateQuery.of(SCHEMA, NOW_MILLIS, LIMITS, false), client,
                UNLIMITED));
        assertThat(read.intents()).isEmpty();
    }

    @Test
    void onRedis62TheFaultTotalIsTheKernelsTripCount() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelTotals(), "trips", "7");
        }
        StateRead read = queued(p -> StateRead.queue(p, StateQuery.of(SCHEMA, NOW_MILLIS, LIMITS, false), client,
                UNLIMITED));
        assertThat(read.faults().total()).isEqualTo(StreamTotal.of(StreamTotal.Source.KERNEL_TRIPS, 7));
    }

    @Test
    void theWindowsAreReadInTheWindowTheKernelsPublishedWhateverTheCallerGuessed() {
        long fiveSecondBucket = RedisSchema.bucket(NOW_MILLIS / 1000, 5);
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelSettings(), "demo", LiveKernelsReaderTest.entry(5, 30, 10, NOW_MILLIS / 1000 + 30));
            jedis.set(SCHEMA.globalRate(fiveSecondBucket), "12");
            jedis.zadd(SCHEMA.symbolRanking(fiveSecondBucket), 11, "BTCUSDT");
            jedis.set(SCHEMA.globalRate(fiveSecondBucket - 1), "4");
        }
        StateRead read = queued(p -> StateRead.queue(p, StateQuery.of(SCHEMA, NOW_MILLIS, LIMITS, false), client,
                UNLIMITED));

        assertThat(read.currentWindow().windowSeconds()).isEqualTo(5);
        assertThat(read.currentWindow().bucket()).isEqualTo(fiveSecondBucket);
        assertThat(read.currentWindow().globalCount()).hasValue(12);
        assertThat(read.currentWindow().top()).containsExactly(new SymbolCount("BTCUSDT", 11));
        assertThat(read.previousWindow().bucket()).isEqualTo(fiveSecondBucket - 1);
        assertThat(read.previousWindow().globalCount()).hasValue(4);
    }

    @Test
    void aRightGuessCostsNoSecondRoundTrip() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelSettings(), "k", LiveKernelsReaderTest.entry(10, 20, 5, NOW_MILLIS / 1000 + 30));
        }
        StateRead read = queued(p -> StateRead.queue(p, StateQuery.of(SCHEMA, NOW_MILLIS, LIMITS, false), client,
                UNLIMITED));
        long afterSync = allCalls();

        read.currentWindow();
        read.previousWindow();

        assertThat(allCalls()).isEqualTo(afterSync);
        assertThat(read.kernels().kernels()).hasSize(1);
    }
}
