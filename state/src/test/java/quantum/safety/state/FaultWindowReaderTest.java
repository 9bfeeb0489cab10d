package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.FaultEvent;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;

class FaultWindowReaderTest extends StateTestBase {

    private static final String KEY = SCHEMA.faultStream();

    private FaultWindow read(int newest, Optional<StreamEntryID> seen, ReadBudget budget) {
        return queued(p -> FaultWindowReader.queue(p, KEY, NOW_MILLIS, newest, false, seen))
                .finish(client, budget, StreamTotal.NOT_KEPT);
    }

    private FaultWindow read() {
        return read(5, Optional.empty(), UNLIMITED);
    }

    private static void fault(Jedis jedis, long idMillis, Map<String, String> fields) {
        jedis.xadd(KEY, new StreamEntryID(idMillis, 0), fields);
    }

    @Test
    void aMissingStreamReadsEmptyNotUnknown() {
        FaultWindow window = read();
        assertThat(window.readable()).isTrue();
        assertThat(window.length()).hasValue(0);
        assertThat(window.newest()).hasValue(List.of());
        assertThat(window.lastHour().orElseThrow().count()).isZero();
        assertThat(window.problems()).isEmpty();
    }

    @Test
    void anEmptiedStreamHasNoNewestFault() {
        try (Jedis jedis = jedis()) {
            fault(jedis, NOW_MILLIS - 60_000, Map.of("reason", "GLOBAL_RATE_EXCEEDED"));
            jedis.xtrim(KEY, 0, false);
        }
        FaultWindow window = read();
        assertThat(window.newest()).hasValue(List.of());
        assertThat(window.length()).hasValue(0);
    }

    @Test
    void timestampsInSecondsOrMillisecondsOrMissingAllGiveTheFaultsTime() {
        try (Jedis jedis = jedis()) {
            fault(jedis, NOW_MILLIS - 30_000, Map.of("timestamp", Long.toString((NOW_MILLIS - 30_000) / 1000)));
            fault(jedis, NOW_MILLIS - 20_000, Map.of("timestamp", Long.toString(NOW_MILLIS - 20_000)));
            fault(jedis, NOW_MILLIS - 10_000, Map.of("timestamp", "garbage"));
            fault(jedis, NOW_MILLIS - 5_000, Map.of("reason", "SYMBOL_RATE_EXCEEDED"));
        }
        List<FaultEvent> newest = read().newest().orElseThrow();
        assertThat(newest).extracting(FaultEvent::epochSeconds).containsExactly((NOW_MILLIS - 5_000) / 1000.0,
                (NOW_MILLIS - 10_000) / 1000.0, (NOW_MILLIS - 20_000) / 1000.0, (double) ((NOW_MILLIS - 30_000) / 1000));
        assertThat(newest).extracting(FaultEvent::timestampFromId).containsExactly(true, true, false, false);
    }

    @Test
    void theLastHourIsExactAcrossPagesAndTalliedByReasonAndSymbol() {
        try (Jedis jedis = jedis()) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < 100; i++) {
                pipeline.xadd(KEY, new StreamEntryID(NOW_MILLIS - 3_700_000 + i, 0), Map.of("reason", "OLD"));
            }
            for (int i = 0; i < 2_500; i++) {
                pipeline.xadd(KEY, new StreamEntryID(NOW_MILLIS - 3_500_000 + i, 0),
                        Map.of("reason", i % 5 == 0 ? "GLOBAL_RATE_EXCEEDED" : "SYMBOL_RATE_EXCEEDED", "symbol", "S" + (i % 3)));
            }
            pipeline.xadd(KEY, new StreamEntryID(NOW_MILLIS - 1_000, 0), Map.of("symbol", "S0"));
            pipeline.sync();
        }
        FaultWindow window = read();
        assertThat(window.length()).hasValue(2_601);
        assertThat(window.lastHour().orElseThrow().count()).isEqualTo(2_501);
        assertThat(window.lastHour().orElseThrow().complete()).isTrue();
        assertThat(window.lastHourByReason()).containsExactly(Map.entry("SYMBOL_RATE_EXCEEDED", 2_000L),
                Map.entry("GLOBAL_RATE_EXCEEDED", 500L), Map.entry("", 1L));
        assertThat(window.lastHourBySymbol()).containsEntry("S0", 835L).hasSize(3);
    }

    @Test
    void whenTheBudgetIsSpentTheCountIsALowerBoundAndSaysSo() {
        try (Jedis jedis = jedis()) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < StreamPages.PAGE_SIZE + 10; i++) {
                pipeline.xadd(KEY, new StreamEntryID(NOW_MILLIS - 1_000_000 + i, 0), Map.of("reason", "R"));
            }
            pipeline.sync();
        }
        FaultWindow window = read(5, Optional.empty(), () -> true);
        assertThat(window.lastHour().orElseThrow().complete()).isFalse();
        assertThat(window.lastHour().orElseThrow().count()).isEqualTo(StreamPages.PAGE_SIZE);
        assertThat(window.problems()).singleElement().asString().contains("deadline", "lower bound");
    }

    @Test
    void theFaultsAppendedSinceAnIdTheCallerSawAreCounted() {
        try (Jedis jedis = jedis()) {
            for (int i = 0; i < 4; i++) {
                fault(jedis, NOW_MILLIS - 10_000 + i, Map.of("reason", "R"));
            }
        }
        StreamWindow hour = read(1, Optional.of(new StreamEntryID(NOW_MILLIS - 10_000 + 1, 0)), UNLIMITED)
                .lastHour().orElseThrow();
        assertThat(hour.newSinceSeen()).isEqualTo(2);
        assertThat(hour.lastIdRead()).isEqualTo(new StreamEntryID(NOW_MILLIS - 10_000 + 3, 0));
    }

    @Test
    void aStreamOfTheWrongTypeIsUnreadableWithProblemsNotAnException() {
        try (Jedis jedis = jedis()) {
            jedis.set(KEY, "garbage");
        }
        FaultWindow window = read();
        assertThat(window.readable()).isFalse();
        assertThat(window.length()).isEmpty();
        assertThat(window.lastHour()).isEmpty();
        assertThat(window.problems()).hasSize(3).allSatisfy(p -> assertThat(p).contains("WRONGTYPE"));
    }

    @Test
    void withoutEntriesAddedTheTotalIsTheKernelsTripCount() {
        StreamTotal trips = StreamTotal.of(StreamTotal.Source.KERNEL_TRIPS, 7);
        FaultWindow window = queued(p -> FaultWindowReader.queue(p, KEY, NOW_MILLIS, 1, false, Optional.empty()))
                .finish(client, UNLIMITED, trips);
        assertThat(window.total()).isEqualTo(trips);
    }

    @Test
    void onRedis7TheTotalIsEntriesAddedAndSurvivesTrimming() {
        try (Jedis jedis = jedis()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(RedisFeatures.fromInfo(jedis.info("server")).entriesAdded(),
                    "entries-added needs Redis 7");
            for (int i = 0; i < 12; i++) {
                fault(jedis, NOW_MILLIS - 10_000 + i, Map.of("reason", "R"));
            }
            jedis.xtrim(KEY, 2, false);
        }
        FaultWindow window = queued(p -> FaultWindowReader.queue(p, KEY, NOW_MILLIS, 1, true, Optional.empty()))
                .finish(client, UNLIMITED, StreamTotal.NOT_KEPT);
        assertThat(window.total()).isEqualTo(StreamTotal.of(StreamTotal.Source.ENTRIES_ADDED, 12));
        assertThat(window.length()).hasValue(2);
    }
}
