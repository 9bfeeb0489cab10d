package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static quantum.safety.exporter.TestExporters.NOW_MILLIS;

import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.Seed;
import quantum.safety.state.RedisFeatures;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

class TradeIntentsCollectorTest extends CollectorTestBase {

    private static final int MAXLEN = 100;

    TradeIntentsCollectorTest(TestRedis redis) {
        super(redis, RedisFeatures.REDIS_6_2);
    }

    /** What the router does: XADD with MAXLEN, so XLEN stops growing once the stream is full. */
    private static void publish(Jedis jedis, long fromMillis, int count) {
        Pipeline pipeline = jedis.pipelined();
        for (int i = 0; i < count; i++) {
            pipeline.xadd(Seed.SCHEMA.tradeIntentStream(),
                    XAddParams.xAddParams().id(new StreamEntryID(fromMillis + i, 0)).maxLen(MAXLEN),
                    Map.of("data", "{\"symbol\":\"BTCUSDT\"}"));
        }
        pipeline.sync();
    }

    @Test
    void legacyBug6_intentRateIsRightWhenTheStreamIsTrimmedAtMaxlen() {
        try (Jedis jedis = redis.connect()) {
            publish(jedis, NOW_MILLIS - 600_000, 500);
            long lengthBefore = jedis.xlen(Seed.SCHEMA.tradeIntentStream());
            publish(jedis, NOW_MILLIS - 30_000, 40);
            // The old exporter's XLEN difference: the stream is full, so it reads 0 intents per minute.
            assertThat(jedis.xlen(Seed.SCHEMA.tradeIntentStream()) - lengthBefore).isZero();
        }
        CollectorHarness.Result r = harness.run(new TradeIntentsCollector());
        assertThat(r.output().problems()).isEmpty();
        assertThat(r.metrics().get("quantum_trade_intent_rate_per_min")).isEqualTo(40);
        assertThat(r.metrics().get("quantum_trade_intent_stream_length")).isEqualTo(MAXLEN);
    }

    @Test
    void theRateCountsOnlyTheLastSixtySeconds() {
        try (Jedis jedis = redis.connect()) {
            Seed.intent(jedis, NOW_MILLIS - 60_001, 0);
            Seed.intent(jedis, NOW_MILLIS - 60_000, 0);
            Seed.intent(jedis, NOW_MILLIS - 1, 0);
        }
        assertThat(harness.run(new TradeIntentsCollector()).metrics().get("quantum_trade_intent_rate_per_min"))
                .isEqualTo(2);
    }

    @Test
    void anEmptyOrMissingStreamReadsZero() {
        CollectorHarness.Result r = harness.run(new TradeIntentsCollector());
        assertThat(r.output().ok()).isTrue();
        assertThat(r.metrics().get("quantum_trade_intent_rate_per_min")).isZero();
        assertThat(r.metrics().get("quantum_trade_intent_stream_length")).isZero();
        assertThat(r.metrics().get("quantum_trade_intents_total")).isZero();
    }

    @Test
    @RequiresTools("redis-server")
    void onRedis7IntentsTotalIsEntriesAddedWhateverTheTrimming() throws Exception {
        try (VersionedRedis seven = VersionedRedis.seven()) {
            Jedis jedis = seven.jedis();
            CollectorHarness h = seven.harness();
            publish(jedis, NOW_MILLIS - 500_000, 350);
            CollectorHarness.Result r = h.run(new TradeIntentsCollector());
            assertThat(r.metrics().get("quantum_trade_intents_total")).isEqualTo(350);
            assertThat(r.metrics().get("quantum_trade_intent_stream_length")).isEqualTo(MAXLEN);
        }
    }

    @Test
    void onRedis62IntentsTotalCountsWhatWasAppendedSinceTheExporterStartedEvenAcrossALongGap() throws Exception {
        try (VersionedRedis old = VersionedRedis.sixTwo()) {
            Jedis jedis = old.jedis();
            CollectorHarness h = old.harness();
            publish(jedis, NOW_MILLIS - 30_000, 20);
            TradeIntentsCollector collector = new TradeIntentsCollector();
            assertThat(h.run(collector).metrics().get("quantum_trade_intents_total")).isZero();

            publish(jedis, NOW_MILLIS + 1_000, 25);
            assertThat(h.now(NOW_MILLIS + 15_000).run(collector).metrics().get("quantum_trade_intents_total"))
                    .isEqualTo(25);

            // Five minutes without a scrape: the intents are older than the rate's minute but still counted.
            publish(jedis, NOW_MILLIS + 20_000, 30);
            CollectorHarness.Result r = h.now(NOW_MILLIS + 320_000).run(collector);
            assertThat(r.metrics().get("quantum_trade_intents_total")).isEqualTo(55);
            assertThat(r.metrics().get("quantum_trade_intent_rate_per_min")).isZero();
        }
    }
}
