package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

class IntentFlowReaderTest extends StateTestBase {

    private static final String KEY = SCHEMA.tradeIntentStream();

    private IntentFlow read(long nowMillis, Optional<StreamEntryID> seen) {
        return queued(p -> IntentFlowReader.queue(p, KEY, nowMillis, false, seen)).finish(client, UNLIMITED);
    }

    private void publish(long fromMillis, int count, int maxLen) {
        try (Jedis jedis = jedis()) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < count; i++) {
                pipeline.xadd(KEY, XAddParams.xAddParams().id(new StreamEntryID(fromMillis + i, 0)).maxLen(maxLen),
                        Map.of("data", "{}"));
            }
            pipeline.sync();
        }
    }

    @Test
    void theLastMinuteIsCountedByIdRangeSoTrimmingAtMaxlenDoesNotHideIt() {
        publish(NOW_MILLIS - 600_000, 500, 100);
        publish(NOW_MILLIS - 30_000, 40, 100);
        IntentFlow flow = read(NOW_MILLIS, Optional.empty());
        assertThat(flow.lastMinute().orElseThrow().count()).isEqualTo(40);
        assertThat(flow.length()).hasValue(100);
        assertThat(flow.total()).isEqualTo(StreamTotal.NOT_KEPT);
        assertThat(flow.problems()).isEmpty();
    }

    @Test
    void afterAGapItCatchesUpFromTheIdSeenButCountsOnlyTheLastMinuteAsRate() {
        publish(NOW_MILLIS + 20_000, 30, 10_000);
        IntentFlow flow = read(NOW_MILLIS + 320_000, Optional.of(new StreamEntryID(NOW_MILLIS + 1_000, 0)));
        assertThat(flow.lastMinute().orElseThrow().newSinceSeen()).isEqualTo(30);
        assertThat(flow.lastMinute().orElseThrow().count()).isZero();
    }

    @Test
    void aStreamOfTheWrongTypeIsAProblem() {
        try (Jedis jedis = jedis()) {
            jedis.hset(KEY, "a", "b");
        }
        IntentFlow flow = read(NOW_MILLIS, Optional.empty());
        assertThat(flow.length()).isEmpty();
        assertThat(flow.lastMinute()).isEmpty();
        assertThat(flow.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("WRONGTYPE"));
    }
}
