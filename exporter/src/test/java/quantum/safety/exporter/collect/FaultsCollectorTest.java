package quantum.safety.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static quantum.safety.exporter.TestExporters.NOW_MILLIS;

import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.exporter.Seed;
import quantum.safety.state.RedisFeatures;
import quantum.safety.state.StreamPages;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

class FaultsCollectorTest extends CollectorTestBase {

    FaultsCollectorTest(TestRedis redis) {
        super(redis, RedisFeatures.REDIS_6_2);
    }

    @Test
    void legacyBug3_faultsLast1hIsExactWithMoreFaultsThanAnyLookbackCap() {
        // The old exporter read at most FAULT_LOOKBACK_MAX=2000 entries, so the count saturated there.
        try (Jedis jedis = redis.connect()) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < 100; i++) {
                pipeline.xadd(Seed.SCHEMA.faultStream(), new StreamEntryID(NOW_MILLIS - 3_700_000 + i, 0),
                        Map.of("reason", "GLOBAL_RATE_EXCEEDED", "symbol", "OLDUSDT"));
            }
            for (int i = 0; i < 5_000; i++) {
                pipeline.xadd(Seed.SCHEMA.faultStream(), new StreamEntryID(NOW_MILLIS - 3_500_000 + i * 100L, 0),
                        Map.of("reason", i % 5 == 0 ? "GLOBAL_RATE_EXCEEDED" : "SYMBOL_RATE_EXCEEDED",
                                "symbol", "S" + (i % 7)));
            }
            pipeline.sync();
        }
        CollectorHarness.Result r = harness.run(new FaultsCollector(10));
        assertThat(r.output().problems()).isEmpty();
        assertThat(r.metrics().get("quantum_safety_fault_stream_length")).isEqualTo(5_100);
        assertThat(r.metrics().get("quantum_safety_faults_last_1h")).isEqualTo(5_000);
        assertThat(r.metrics().get("quantum_safety_faults_last_1h_by_reason{reason=\"GLOBAL_RATE_EXCEEDED\"}")).isEqualTo(1_000);
        assertThat(r.metrics().get("quantum_safety_faults_last_1h_by_reason{reason=\"SYMBOL_RATE_EXCEEDED\"}")).isEqualTo(4_000);
        assertThat(r.metrics().family("quantum_safety_faults_last_1h_by_symbol")).hasSize(7);
    }

    @Test
    void legacyBug8_lastFaultInfoIsGoneWhenTheStreamIsEmptied() {
        try (Jedis jedis = redis.connect()) {
            Seed.fault(jedis, NOW_MILLIS - 60_000, 0, "SYMBOL_RATE_EXCEEDED", "BTCUSDT", "BUY");
        }
        CollectorHarness.Result before = harness.run(new FaultsCollector(10));
        assertThat(before.metrics().get(
                "quantum_safety_last_fault_info{reason=\"SYMBOL_RATE_EXCEEDED\",side=\"BUY\",symbol=\"BTCUSDT\"}"))
                .isEqualTo(1);
        assertThat(before.metrics().get("quantum_safety_last_fault_timestamp")).isEqualTo((NOW_MILLIS - 60_000) / 1000);

        try (Jedis jedis = redis.connect()) {
            jedis.xtrim(Seed.SCHEMA.faultStream(), 0, false);
        }
        CollectorHarness.Result after = harness.run(new FaultsCollector(10));
        assertThat(after.metrics().has("quantum_safety_last_fault_info")).isFalse();
        assertThat(after.metrics().get("quantum_safety_last_fault_timestamp")).isZero();
        assertThat(after.metrics().get("quantum_safety_fault_stream_length")).isZero();
        assertThat(after.metrics().get("quantum_safety_faults_last_1h")).isZero();
    }

    @Test
    void aMillisecondTimestampFieldIsReadAsSeconds() {
        try (Jedis jedis = redis.connect()) {
            jedis.xadd(Seed.SCHEMA.faultStream(), new StreamEntryID(NOW_MILLIS - 5_000, 0),
                    Map.of("timestamp", Long.toString(NOW_MILLIS - 5_000), "reason", "GLOBAL_RATE_EXCEEDED"));
        }
        CollectorHarness.Result r = harness.run(new FaultsCollector(10));
        assertThat(r.metrics().get("quantum_safety_last_fault_timestamp")).isEqualTo((NOW_MILLIS - 5_000) / 1000.0);
        // Fields the kernel always writes are missing: shown as the placeholder, never as empty label values.
        assertThat(r.metrics().get("quantum_safety_last_fault_info{reason=\"GLOBAL_RATE_EXCEEDED\","
                + "side=\"(invalid value)\",symbol=\"(invalid value)\"}")).isEqualTo(1);
        assertThat(r.metrics().get("quantum_safety_invalid_label_values{label=\"side\",source=\"faults\"}")).isEqualTo(1);
    }

    @Test
    void faultsBySymbolAreBoundedToTheTopN() {
        try (Jedis jedis = redis.connect()) {
            for (int s = 0; s < 15; s++) {
                for (int i = 0; i <= s; i++) {
                    Seed.fault(jedis, NOW_MILLIS - 100_000 + s * 100 + i, 0, "SYMBOL_RATE_EXCEEDED", "SYM" + s, "BUY");
                }
            }
        }
        CollectorHarness.Result r = harness.run(new FaultsCollector(3));
        assertThat(r.metrics().family("quantum_safety_faults_last_1h_by_symbol")).containsOnlyKeys(
                "quantum_safety_faults_last_1h_by_symbol{symbol=\"SYM14\"}",
                "quantum_safety_faults_last_1h_by_symbol{symbol=\"SYM13\"}",
                "quantum_safety_faults_last_1h_by_symbol{symbol=\"SYM12\"}");
        assertThat(harness.run(new FaultsCollector(0)).metrics().has("quantum_safety_faults_last_1h_by_symbol")).isFalse();
    }

    @Test
    void invalidSymbolsAreCountedEvenWithTheBySymbolFamilyOffAndFoldIntoOneSeriesBeyondTheTopN() {
        try (Jedis jedis = redis.connect()) {
            for (int s = 0; s < 5; s++) {
                Seed.fault(jedis, NOW_MILLIS - 100_000 + s, 0, "SYMBOL_RATE_EXCEEDED", "SYM" + s, "BUY");
            }
            for (int s = 0; s < 5; s++) {
                Seed.fault(jedis, NOW_MILLIS - 90_000 + s, 0, "SYMBOL_RATE_EXCEEDED", "bad symbol " + s, "BUY");
            }
            Seed.fault(jedis, NOW_MILLIS - 80_000, 0, "SYMBOL_RATE_EXCEEDED", "SYM0", "BUY");
        }
        CollectorHarness.Result top2 = harness.run(new FaultsCollector(2));
        assertThat(top2.output().ok()).isTrue();
        assertThat(top2.output().notices()).singleElement().asString()
                .startsWith("5 symbol value(s) from faults break the symbol rule (e.g. 'bad symbol 0')");
        assertThat(top2.metrics().family("quantum_safety_faults_last_1h_by_symbol")).containsOnly(
                Map.entry("quantum_safety_faults_last_1h_by_symbol{symbol=\"SYM0\"}", 2.0),
                Map.entry("quantum_safety_faults_last_1h_by_symbol{symbol=\"SYM1\"}", 1.0),
                Map.entry("quantum_safety_faults_last_1h_by_symbol{symbol=\"(invalid value)\"}", 5.0));
        CollectorHarness.Result off = harness.run(new FaultsCollector(0));
        assertThat(off.metrics().has("quantum_safety_faults_last_1h_by_symbol")).isFalse();
        assertThat(off.metrics().get("quantum_safety_invalid_label_values{label=\"symbol\",source=\"faults\"}"))
                .isEqualTo(5);
    }

    @Test
    void whenTheDeadlinePassesMidStreamTheCountIsLeftOutNotTruncated() {
        try (Jedis jedis = redis.connect()) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < StreamPages.PAGE_SIZE + 10; i++) {
                pipeline.xadd(Seed.SCHEMA.faultStream(), new StreamEntryID(NOW_MILLIS - 1_000_000 + i, 0),
                        Map.of("reason", "GLOBAL_RATE_EXCEEDED"));
            }
            pipeline.sync();
        }
        CollectorHarness.Result r = harness.deadline(Deadline.expired()).run(new FaultsCollector(10));
        assertThat(r.output().problems()).anySatisfy(p -> assertThat(p).contains("deadline"));
        assertThat(r.metrics().has("quantum_safety_faults_last_1h")).isFalse();
        assertThat(r.metrics().get("quantum_safety_fault_stream_length")).isEqualTo(StreamPages.PAGE_SIZE + 10);
    }

    @Test
    void aFaultStreamOfTheWrongTypeIsCountedNotThrown() {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.faultStream(), "garbage");
        }
        CollectorHarness.Result r = harness.run(new FaultsCollector(10));
        assertThat(r.output().ok()).isFalse();
        assertThat(r.output().problems()).allSatisfy(p -> assertThat(p).contains("WRONGTYPE"));
        assertThat(r.metrics().has("quantum_safety_faults_last_1h")).isFalse();
    }

    @Test
    @RequiresTools("redis-server")
    void onRedis7FaultsTotalIsEntriesAddedAndSurvivesTrimming() throws Exception {
        try (VersionedRedis seven = VersionedRedis.seven()) {
            Jedis jedis = seven.jedis();
            CollectorHarness h = seven.harness();
            assertThat(h.run(new FaultsCollector(10)).metrics().get("quantum_safety_faults_total")).isZero();
            for (int i = 0; i < 12; i++) {
                Seed.fault(jedis, NOW_MILLIS - 10_000 + i, 0, "GLOBAL_RATE_EXCEEDED", "BTCUSDT", "BUY");
            }
            jedis.xtrim(Seed.SCHEMA.faultStream(), 2, false);
            CollectorHarness.Result r = h.run(new FaultsCollector(10));
            assertThat(r.metrics().get("quantum_safety_faults_total")).isEqualTo(12);
            assertThat(r.metrics().get("quantum_safety_fault_stream_length")).isEqualTo(2);
        }
    }

    @Test
    void onRedis62FaultsTotalComesFromTheKernelTotals() throws Exception {
        try (VersionedRedis old = VersionedRedis.sixTwo()) {
            Jedis jedis = old.jedis();
            CollectorHarness h = old.harness();
            assertThat(jedis.info("server")).contains("redis_version:6.2");
            jedis.hset(Seed.SCHEMA.kernelTotals(), "trips", "7");
            Seed.fault(jedis, NOW_MILLIS - 10_000, 0, "GLOBAL_RATE_EXCEEDED", "BTCUSDT", "BUY");
            CollectorHarness.Result r = h.run(new FaultsCollector(10));
            assertThat(r.output().problems()).isEmpty();
            assertThat(r.metrics().get("quantum_safety_faults_total")).isEqualTo(7);
        }
    }

    @Test
    void onRedis62WithTheLegacyKernelFaultsTotalCountsTheFaultsAppendedSinceTheExporterStarted() throws Exception {
        try (VersionedRedis old = VersionedRedis.sixTwo()) {
            Jedis jedis = old.jedis();
            CollectorHarness h = old.harness();
            Seed.fault(jedis, NOW_MILLIS - 20_000, 0, "GLOBAL_RATE_EXCEEDED", "BTCUSDT", "BUY");
            FaultsCollector collector = new FaultsCollector(10);
            assertThat(h.run(collector).metrics().get("quantum_safety_faults_total")).isZero();
            for (int i = 1; i <= 3; i++) {
                jedis.xadd(Seed.SCHEMA.faultStream(),
                        XAddParams.xAddParams().id(new StreamEntryID(NOW_MILLIS + i * 1000L, 0)).maxLen(3),
                        Map.of("reason", "SYMBOL_RATE_EXCEEDED"));
            }
            CollectorHarness.Result r = h.now(NOW_MILLIS + 15_000).run(collector);
            // The fault that was there before the exporter looked has been trimmed away: only the 3 new ones count.
            assertThat(r.metrics().get("quantum_safety_faults_total")).isEqualTo(3);
            assertThat(r.metrics().get("quantum_safety_fault_stream_length")).isEqualTo(3);
        }
    }
}
