package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import redis.clients.jedis.resps.StreamEntry;

/** The legacy kernel's rules (contract §1-2), kept exactly, on Redis 7.x and 6.2. */
class SafetyKernelTest {

    private static final String BOTH = "quantum.safety.kernel.RedisServers#both";

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void allowsWithinLimitsAndCountsInTheLegacyKeys(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            Decision d = f.kernel(b -> b.windowSeconds(KernelConfig.DEFAULT_WINDOW_SEC))
                    .decide(Intent.of("BTCUSDT", "buy").withCorrelationId("c-1").withTraceId("t-1"));

            assertThat(d.allowed()).isTrue();
            assertThat(d.reason()).isEqualTo(Reason.OK);
            long bucket = d.metaLong("bucket", -1);
            assertThat(d.meta()).containsEntry("symbol", "BTCUSDT").containsEntry("side", "BUY")
                    .containsEntry("global_count", 1L).containsEntry("symbol_count", 1L)
                    .containsEntry("global_max", 20).containsEntry("symbol_max", 5).containsEntry("window_sec", 10)
                    .containsEntry("tripped", false).containsEntry("safe_mode", false)
                    .containsEntry("safe_mode_ttl", -2L).containsEntry("correlation_id", "c-1")
                    .containsEntry("trace_id", "t-1");
            assertThat(f.raw.get("quantum:safety:rate:global:" + bucket)).isEqualTo("1");
            assertThat(f.raw.get("quantum:safety:rate:symbol:BTCUSDT:" + bucket)).isEqualTo("1");
            // Every key of the bucket lives until 2 s after the end of the next window, so that while it is the
            // previous window its global and per-symbol counts are read together (legacy: at least window + 2 s).
            long endOfNextWindow = (bucket + 2) * 10 + 2;
            assertThat(expiresAt(f, "quantum:safety:rate:global:" + bucket)).isCloseTo(endOfNextWindow, within(1L));
            assertThat(expiresAt(f, "quantum:safety:rate:symbol:BTCUSDT:" + bucket))
                    .isCloseTo(endOfNextWindow, within(1L));
            assertThat(f.raw.zscore("quantum:safety:rate:top:" + bucket, "BTCUSDT")).isEqualTo(1.0);
            assertThat(expiresAt(f, "quantum:safety:rate:top:" + bucket)).isCloseTo(endOfNextWindow, within(1L));
            assertThat(f.decisions()).containsExactly(Map.entry("OK", "1"));
            assertThat(f.raw.exists("quantum:safety:safe_mode")).isFalse();
            assertThat(f.faults()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void globalTripNeedsStrictlyMoreThanTheMaxAndWritesTheLegacyFaultEvent(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(3).symbolMax(100).cooldownSeconds(120));
            String[] symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
            for (String symbol : symbols) {
                assertThat(kernel.decide(Intent.of(symbol, "BUY")).reason()).isEqualTo(Reason.OK);
            }

            Decision trip = kernel.decide(Intent.of("XRPUSDT", "sell").withCorrelationId("corr").withTraceId("trace"));

            assertThat(trip.allowed()).isFalse();
            assertThat(trip.reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
            assertThat(trip.tripped()).isTrue();
            assertThat(trip.meta()).containsEntry("global_count", 4L).containsEntry("symbol_count", 0L)
                    .containsEntry("cooldown_sec", 120L).containsEntry("safe_mode_ttl", 120L);
            long bucket = trip.metaLong("bucket", -1);
            assertThat(f.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(f.raw.ttl("quantum:safety:safe_mode")).isBetween(1L, 120L);
            // A global trip never reaches the symbol step, so the symbol counter stays untouched (legacy).
            assertThat(f.raw.exists("quantum:safety:rate:symbol:XRPUSDT:" + bucket)).isFalse();

            assertThat(f.faults()).hasSize(1);
            Map<String, String> fields = f.faults().get(0).getFields();
            assertThat(fields).containsKeys("timestamp", "reason", "symbol", "side", "global_count", "symbol_count",
                    "global_max", "symbol_max", "window_sec", "cooldown_sec", "router_pid", "correlation_id",
                    "trace_id");
            assertThat(fields).containsEntry("reason", "GLOBAL_RATE_EXCEEDED").containsEntry("symbol", "XRPUSDT")
                    .containsEntry("side", "SELL").containsEntry("global_count", "4")
                    .containsEntry("symbol_count", "0").containsEntry("global_max", "3")
                    .containsEntry("symbol_max", "100").containsEntry("window_sec", "3600")
                    .containsEntry("cooldown_sec", "120").containsEntry("correlation_id", "corr")
                    .containsEntry("trace_id", "trace").containsEntry("kernel_id", "test-kernel")
                    .containsEntry("router_pid", String.valueOf(ProcessHandle.current().pid()));
            // Timestamp in seconds (not milliseconds), from the server.
            assertThat(Long.parseLong(fields.get("timestamp"))).isBetween(f.serverTime() - 60, f.serverTime());
            FaultEvent event = FaultEvent.fromStreamEntry(f.faults().get(0).getID().toString(), fields);
            assertThat(event.timestampFromId()).isFalse();
            assertThat(f.totals()).containsEntry("trips", "1").containsEntry("audit_events", "1");
            assertThat(f.decisions()).containsEntry("OK", "3").containsEntry("GLOBAL_RATE_EXCEEDED", "1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void symbolTripUsesGlobalBudgetFirst(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(100).symbolMax(2));
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            assertThat(kernel.decide(Intent.of("BTCUSDT", "SELL")).reason()).isEqualTo(Reason.OK);

            Decision trip = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(trip.reason()).isEqualTo(Reason.SYMBOL_RATE_EXCEEDED);
            assertThat(trip.meta()).containsEntry("global_count", 3L).containsEntry("symbol_count", 3L);
            long bucket = trip.metaLong("bucket", -1);
            assertThat(f.raw.get("quantum:safety:rate:global:" + bucket)).isEqualTo("3");
            assertThat(f.raw.get("quantum:safety:rate:symbol:BTCUSDT:" + bucket)).isEqualTo("3");
            assertThat(f.faults()).singleElement().satisfies(e -> assertThat(e.getFields())
                    .containsEntry("reason", "SYMBOL_RATE_EXCEEDED").containsEntry("symbol_count", "3")
                    .containsEntry("global_count", "3"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void legacyCriticalBugAfterATripTheNextIntentsAreBlockedWithSafeModeEnabled(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1));
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            Decision trip = kernel.decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(trip.tripped()).isTrue();
            long bucket = trip.metaLong("bucket", -1);

            for (int i = 0; i < 5; i++) {
                Decision next = kernel.decide(Intent.of("ETHUSDT", "SELL"));
                assertThat(next.allowed()).isFalse();
                assertThat(next.reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
                assertThat(next.meta()).containsEntry("safe_mode", true).doesNotContainKey("global_count");
                assertThat(next.metaLong("safe_mode_ttl", 0)).isBetween(1L, 300L);
            }
            // Blocked without touching counters and without new events (legacy rule).
            assertThat(f.raw.get("quantum:safety:rate:global:" + bucket)).isEqualTo("2");
            assertThat(f.raw.exists("quantum:safety:rate:symbol:ETHUSDT:" + bucket)).isFalse();
            assertThat(f.faults()).hasSize(1);
            assertThat(f.decisions()).containsEntry("SAFE_MODE_ENABLED", "5");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void legacyOperatorFlagSetByHandWithoutTtlBlocks(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel();
            f.raw.set("quantum:safety:safe_mode", "1");

            Decision d = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(d.reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
            assertThat(d.meta()).containsEntry("safe_mode_ttl", -1L);
            f.raw.set("quantum:safety:safe_mode", "0");
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            f.raw.del("quantum:safety:safe_mode");
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            // Any value other than "0" is on: an operator who writes "true" means on.
            f.raw.setex("quantum:safety:safe_mode", 60, "true");
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void killSwitchBlocksEverythingIncludingReduceOnlyAndCountsNothing(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel();
            f.raw.set("quantum:kill", "1");

            Decision plain = kernel.decide(Intent.of("BTCUSDT", "BUY"));
            Decision reduce = kernel.decide(Intent.of("BTCUSDT", "SELL").withReduceOnly(true));

            assertThat(plain.reason()).isEqualTo(Reason.KILL_SWITCH_ENGAGED);
            assertThat(reduce.reason()).isEqualTo(Reason.KILL_SWITCH_ENGAGED);
            assertThat(reduce.allowed()).isFalse();
            assertThat(f.raw.keys("quantum:safety:rate:*")).isEmpty();
            f.raw.set("quantum:kill", "0");
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            assertThat(f.decisions()).containsEntry("KILL_SWITCH_ENGAGED", "2").containsEntry("OK", "1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void reduceOnlyIntentsPassSafeModeInTheirOwnCounterUnlessConfiguredToBlock(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            f.raw.setex("quantum:safety:safe_mode", 100, "1");

            Decision exit = f.kernel().decide(Intent.of("BTCUSDT", "SELL").withReduceOnly(true));

            assertThat(exit.allowed()).isTrue();
            assertThat(exit.reason()).isEqualTo(Reason.REDUCE_ONLY_ALLOWED);
            assertThat(exit.meta()).containsEntry("reduce_only", true).containsEntry("reduce_only_count", 1L)
                    .containsEntry("reduce_only_max", 5).containsEntry("tripped", false)
                    .doesNotContainKey("global_count");
            long bucket = exit.metaLong("bucket", -1);
            assertThat(f.raw.get("quantum:safety:rate:reduce_only:BTCUSDT:" + bucket)).isEqualTo("1");
            assertThat(expiresAt(f, "quantum:safety:rate:reduce_only:BTCUSDT:" + bucket))
                    .isCloseTo((bucket + 2) * KernelFixture.TEST_WINDOW_SEC + 2, within(1L));
            assertThat(f.raw.exists("quantum:safety:rate:symbol:BTCUSDT:" + bucket)).isFalse();
            assertThat(f.decisions()).containsEntry("REDUCE_ONLY_ALLOWED", "1");

            Decision blocked = f.kernel(b -> b.reduceOnlyPassesSafeMode(false))
                    .decide(Intent.of("BTCUSDT", "SELL").withReduceOnly(true));
            assertThat(blocked.reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
            assertThat(f.kernel(b -> b.reduceOnlySymbolMax(0)).decide(Intent.of("BTCUSDT", "SELL").withReduceOnly(true))
                    .reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
            assertThat(f.raw.get("quantum:safety:rate:reduce_only:BTCUSDT:" + bucket)).isEqualTo("1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void reduceOnlyIntentsDuringSafeModeAreBoundedByTheirOwnLimitAndNeverTrip(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            f.raw.setex("quantum:safety:safe_mode", 100, "1");
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1).symbolMax(1).reduceOnlySymbolMax(3)
                    .reduceOnlyGlobalMax(10_000));
            Map<Reason, Integer> byReason = new java.util.EnumMap<>(Reason.class);
            for (int i = 0; i < 1000; i++) {
                byReason.merge(kernel.decide(Intent.of("BTCUSDT", "SELL").withReduceOnly(true)).reason(), 1,
                        Integer::sum);
            }
            Decision otherSymbol = kernel.decide(Intent.of("ETHUSDT", "BUY").withReduceOnly(true));

            assertThat(byReason).containsExactlyInAnyOrderEntriesOf(Map.of(Reason.REDUCE_ONLY_ALLOWED, 3,
                    Reason.REDUCE_ONLY_RATE_EXCEEDED, 997));
            assertThat(otherSymbol.reason()).isEqualTo(Reason.REDUCE_ONLY_ALLOWED);
            assertThat(f.decisions()).containsEntry("REDUCE_ONLY_ALLOWED", "4")
                    .containsEntry("REDUCE_ONLY_RATE_EXCEEDED", "997");
            assertThat(f.faults()).isEmpty();
            assertThat(f.raw.ttl("quantum:safety:safe_mode")).isBetween(1L, 100L);

            // The symbol is the caller's text: every spelling has its own counter, so all symbols share a cap too.
            f.raw.keys("quantum:safety:rate:reduce_only*").forEach(f.raw::del);
            SafetyKernel spellings = f.kernel(b -> b.reduceOnlySymbolMax(100).reduceOnlyGlobalMax(8));
            Map<Reason, Integer> bySpelling = new java.util.EnumMap<>(Reason.class);
            for (String symbol : List.of("btcusdt", "BTCUSDT.", "BTC-USDT", "BTC_USDT", "xbtusdt", "BTCUSDT:", "b", "c",
                    "d", "e")) {
                bySpelling.merge(spellings.decide(Intent.of(symbol, "SELL").withReduceOnly(true)).reason(), 1,
                        Integer::sum);
            }
            assertThat(bySpelling).containsExactlyInAnyOrderEntriesOf(Map.of(Reason.REDUCE_ONLY_ALLOWED, 8,
                    Reason.REDUCE_ONLY_RATE_EXCEEDED, 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void tripRecordsTheSafeModeInfoAndAnAuditEventLinkedToTheFault(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1).cooldownSeconds(60));
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(f.raw.hgetAll("quantum:safety:safe_mode:info")).containsEntry("set_by", "kernel:test-kernel")
                    .containsEntry("reason", "GLOBAL_RATE_EXCEEDED").containsEntry("latched", "0")
                    .containsEntry("source", "trip").containsEntry("cooldown_sec", "60").containsKey("set_at");
            StreamEntry audit = f.audits().get(0);
            assertThat(audit.getFields()).containsEntry("event", "TRIP").containsEntry("actor", "kernel:test-kernel")
                    .containsEntry("reason", "GLOBAL_RATE_EXCEEDED")
                    .containsEntry("fault_id", f.faults().get(0).getID().toString())
                    .containsEntry("symbol", "BTCUSDT").containsKey("timestamp");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void latchedTripsSetSafeModeWithoutTtl(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            Decision trip = f.kernel(b -> b.globalMax(1).latchedTrips(true)).decide(Intent.of("BTCUSDT", "BUY"));
            Decision trip2 = f.kernel(b -> b.globalMax(1).latchedTrips(true)).decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(trip.reason()).isEqualTo(Reason.OK);
            assertThat(trip2.reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
            assertThat(trip2.meta()).containsEntry("safe_mode_ttl", -1L).containsEntry("cooldown_sec", 0L);
            assertThat(f.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(f.raw.ttl("quantum:safety:safe_mode")).isEqualTo(-1L);
            assertThat(f.raw.hget("quantum:safety:safe_mode:info", "latched")).isEqualTo("1");
            assertThat(f.faults().get(0).getFields()).containsEntry("latched", "1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void escalatingCooldownDoublesPerTripInThePeriodUpToTheMax(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1).cooldownSeconds(10).escalateCooldown(true)
                    .maxCooldownSeconds(25).escalationPeriodSeconds(600));
            SafetyOperations ops = kernel.operations();
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            long[] cooldowns = new long[3];
            for (int i = 0; i < 3; i++) {
                Decision trip = kernel.decide(Intent.of("BTCUSDT", "BUY"));
                assertThat(trip.tripped()).isTrue();
                assertThat(trip.metaLong("trip_streak", 0)).isEqualTo(i + 1);
                cooldowns[i] = trip.metaLong("cooldown_sec", 0);
                ops.clearSafeMode("test", "next trip");
            }
            assertThat(cooldowns).containsExactly(10, 20, 25);
            assertThat(f.raw.ttl("quantum:safety:trip_streak")).isBetween(1L, 600L);
            assertThat(f.faults()).extracting(e -> e.getFields().get("cooldown_sec")).containsExactly("10", "20", "25");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void hashTaggedPrefixForRedisClusterWorksOnStandalone(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server, RedisSchema.withPrefix("{quantum}:"))) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1));
            Decision ok = kernel.decide(Intent.of("BTCUSDT", "BUY"));
            Decision trip = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(ok.reason()).isEqualTo(Reason.OK);
            assertThat(trip.reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
            long bucket = ok.metaLong("bucket", -1);
            assertThat(f.raw.get("{quantum}:safety:rate:global:" + bucket)).isEqualTo("2");
            assertThat(f.raw.get("{quantum}:safety:safe_mode")).isEqualTo("1");
            assertThat(f.raw.xlen("{quantum}:stream:safety.fault")).isEqualTo(1);
            assertThat(f.raw.keys("quantum:*")).isEmpty();
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
        }
    }

    /** Unix seconds at which {@code key} expires, on the server's clock (TTL rounds, hence the tests' ±1). */
    private static long expiresAt(KernelFixture f, String key) {
        return f.serverTime() + f.raw.ttl(key);
    }
}
