package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

class KernelStatsReaderTest extends StateTestBase {

    private KernelStats read() {
        return queued(p -> KernelStatsReader.queue(p, SCHEMA)).finish();
    }

    @Test
    void nothingWrittenYetReadsNoDecisionsNoLostEventsAndNoTripCount() {
        KernelStats stats = read();
        assertThat(stats.decisions()).isEmpty();
        assertThat(stats.lostEvents()).hasValue(0);
        assertThat(stats.trips()).isEqualTo(StreamTotal.NOT_KEPT);
        assertThat(stats.problems()).isEmpty();
    }

    @Test
    void decisionsAndTotalsAreReadAsNumbersAndKeptAsStored() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.decisionCounters(), Map.of("OK", "41", "FAIL_OPEN_ERROR", "2.5", "NEW_REASON", "1"));
            jedis.hset(SCHEMA.kernelTotals(), Map.of("trips", "9", "lost_events", "2"));
        }
        KernelStats stats = read();
        assertThat(stats.decisions()).containsExactly(Map.entry("FAIL_OPEN_ERROR", 2.5), Map.entry("NEW_REASON", 1.0),
                Map.entry("OK", 41.0));
        assertThat(stats.decisionFields()).containsEntry("FAIL_OPEN_ERROR", "2.5");
        assertThat(stats.lostEvents()).hasValue(2);
        assertThat(stats.trips().count()).hasValue(9);
        assertThat(stats.trips().source()).isEqualTo(StreamTotal.Source.KERNEL_TRIPS);
        assertThat(stats.problems()).isEmpty();
    }

    @Test
    void garbageIsAProblemNamingTheFieldAndEvidenceKeepsTheValue() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.decisionCounters(), Map.of("OK", "many", "SAFE_MODE_ENABLED", "3"));
            jedis.hset(SCHEMA.kernelTotals(), Map.of("trips", "NaN", "audit_events", "x"));
        }
        KernelStats stats = read();
        assertThat(stats.decisions()).containsOnly(Map.entry("SAFE_MODE_ENABLED", 3.0));
        assertThat(stats.trips()).isEqualTo(StreamTotal.UNREADABLE);
        assertThat(stats.badFields()).containsOnly(Map.entry(SCHEMA.decisionCounters() + ".OK", "many"),
                Map.entry(SCHEMA.kernelTotals() + ".trips", "NaN"), Map.entry(SCHEMA.kernelTotals() + ".audit_events", "x"));
        assertThat(stats.problems()).hasSize(3).noneMatch(p -> p.contains("many") || p.contains("NaN"));
    }

    @Test
    void negativeLostEventsAreAProblemNotAReset() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.kernelTotals(), "lost_events", "-3");
        }
        KernelStats stats = read();
        assertThat(stats.lostEvents()).isEmpty();
        assertThat(stats.problems()).singleElement().asString().contains("negative");
    }

    @Test
    void totalsOfTheWrongTypeAreUnreadableAndTheDecisionsStillRead() {
        try (Jedis jedis = jedis()) {
            jedis.set(SCHEMA.kernelTotals(), "not a hash");
            jedis.hset(SCHEMA.decisionCounters(), "OK", "5");
        }
        KernelStats stats = read();
        assertThat(stats.totalsRead()).isFalse();
        assertThat(stats.lostEvents()).isEmpty();
        assertThat(stats.trips()).isEqualTo(StreamTotal.UNREADABLE);
        assertThat(stats.decisions()).containsOnly(Map.entry("OK", 5.0));
        assertThat(stats.problems()).singleElement().asString().contains("WRONGTYPE");
    }

    @Test
    void garbageFieldsAreBoundedAndTheKernelsReasonsAlwaysKept() {
        try (Jedis jedis = jedis()) {
            for (int i = 0; i < 100; i++) {
                jedis.hset(SCHEMA.decisionCounters(), "JUNK_" + i, "1");
            }
            jedis.hset(SCHEMA.decisionCounters(), "STATE_UNREADABLE", "4");
        }
        KernelStats stats = read();
        assertThat(stats.decisions()).hasSize(KernelStats.MAX_DECISION_FIELDS - KernelStats.KNOWN_REASONS.size() + 1)
                .containsEntry("STATE_UNREADABLE", 4.0);
        assertThat(stats.problems()).singleElement().asString().contains("more than");
    }
}
