package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong types and non-numeric values in the kernel's keys, under both fail policies: what cannot be read blocks,
 * nothing throws, nothing is half written, a decided trip always lands, and no error path clears SAFE MODE.
 */
class GarbageInRedisTest {

    private static final String BOTH = "quantum.safety.kernel.RedisServers#both";

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aNonNumericGlobalCounterBlocksUnderBothPoliciesWithoutWritingAnything(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            long bucket = f.kernel().decide(Intent.of("BTCUSDT", "BUY")).metaLong("bucket", -1);
            f.raw.flushAll();
            f.raw.set("quantum:safety:rate:global:" + bucket, "garbage");
            f.raw.set("quantum:safety:rate:global:" + (bucket + 1), "garbage");

            Decision open = f.kernel(b -> b.failPolicy(FailPolicy.OPEN)).decide(Intent.of("BTCUSDT", "BUY"));
            Decision closed = f.kernel(b -> b.failPolicy(FailPolicy.CLOSED)).decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(open.reason()).isEqualTo(Reason.STATE_UNREADABLE);
            assertThat(closed.reason()).isEqualTo(Reason.STATE_UNREADABLE);
            assertThat(open.allowed()).isFalse();
            // The kernels' settings entry is written on its own thread; the decisions wrote only these.
            assertThat(f.raw.keys("*")).filteredOn(k -> !k.equals(f.schema.kernelSettings()))
                    .containsExactlyInAnyOrder("quantum:safety:rate:global:" + bucket,
                    "quantum:safety:rate:global:" + (bucket + 1), "quantum:safety:decisions");
            assertThat(f.decisions()).containsExactly(Map.entry("STATE_UNREADABLE", "2"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aNonNumericSymbolCounterBlocksAndLeavesTheGlobalCounterAsItWas(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.failPolicy(FailPolicy.OPEN));
            long bucket = kernel.decide(Intent.of("ETHUSDT", "BUY")).metaLong("bucket", -1);
            for (long b = bucket; b <= bucket + 1; b++) {
                f.raw.set("quantum:safety:rate:symbol:BTCUSDT:" + b, "12abc");
            }

            Decision d = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(d.reason()).isEqualTo(Reason.STATE_UNREADABLE);
            assertThat(d.allowed()).isFalse();
            long globalTotal = f.raw.keys("quantum:safety:rate:global:*").stream()
                    .mapToLong(k -> Long.parseLong(f.raw.get(k))).sum();
            assertThat(globalTotal).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void wrongTypesInTheFlagsBlockUnderBothPoliciesAndNeverClearSafeMode(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel open = f.kernel(b -> b.globalMax(1).cooldownSeconds(200).failPolicy(FailPolicy.OPEN));
            SafetyKernel closed = f.kernel(b -> b.globalMax(1).failPolicy(FailPolicy.CLOSED));
            open.decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(open.decide(Intent.of("BTCUSDT", "BUY")).tripped()).isTrue();
            Map<String, String> info = f.raw.hgetAll("quantum:safety:safe_mode:info");

            f.raw.hset("quantum:kill", "oops", "0");
            assertThat(open.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.KILL_SWITCH_ENGAGED);
            assertThat(closed.decide(Intent.of("BTCUSDT", "SELL").withReduceOnly(true)).reason())
                    .isEqualTo(Reason.KILL_SWITCH_ENGAGED);
            f.raw.del("quantum:kill");
            f.raw.set("quantum:safety:decisions", "not a hash");
            f.raw.set("quantum:safety:totals", "not a hash");
            // Statistics garbage does not stop a correct decision.
            assertThat(open.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
            assertThat(open.failures().statsErrors()).isEqualTo(1);

            assertThat(f.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(f.raw.ttl("quantum:safety:safe_mode")).isBetween(1L, 200L);
            assertThat(f.raw.hgetAll("quantum:safety:safe_mode:info")).isEqualTo(info);
            assertThat(f.faults()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aSafeModeKeyOfTheWrongTypeIsOnUnderBothPolicies(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            f.raw.lpush("quantum:safety:safe_mode", "0");

            assertThat(f.kernel(b -> b.failPolicy(FailPolicy.OPEN)).decide(Intent.of("BTCUSDT", "BUY")).reason())
                    .isEqualTo(Reason.SAFE_MODE_ENABLED);
            assertThat(f.kernel(b -> b.failPolicy(FailPolicy.CLOSED)).decide(Intent.of("BTCUSDT", "BUY")).reason())
                    .isEqualTo(Reason.SAFE_MODE_ENABLED);
            assertThat(f.raw.type("quantum:safety:safe_mode")).isEqualTo("list");
            assertThat(f.raw.keys("quantum:safety:rate:*")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void legacyBugFailedXaddAfterSetATripWithBrokenStreamsStillSetsSafeModeAndCountsTheLostEvents(
            RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1).failPolicy(FailPolicy.OPEN));
            long bucket = kernel.decide(Intent.of("BTCUSDT", "BUY")).metaLong("bucket", -1);
            f.raw.set("quantum:stream:safety.fault", "not a stream");
            f.raw.hset("quantum:stream:safety.audit", "x", "y");

            Decision trip = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(trip.reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
            assertThat(trip.allowed()).isFalse();
            assertThat(trip.meta()).containsEntry("lost_events", 2L);
            assertThat(f.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(f.raw.hgetAll("quantum:safety:safe_mode:info")).containsEntry("reason", "GLOBAL_RATE_EXCEEDED");
            assertThat(f.raw.get("quantum:safety:rate:global:" + bucket)).isEqualTo("2");
            assertThat(f.totals()).containsEntry("lost_events", "2").containsEntry("trips", "1");
            assertThat(kernel.failures().lostEvents()).isEqualTo(2);
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aGarbageTripStreakStillTripsWithTheLongestCooldown(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1).escalateCooldown(true).cooldownSeconds(60)
                    .maxCooldownSeconds(900));
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            f.raw.set("quantum:safety:trip_streak", "x");

            Decision trip = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(trip.reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
            assertThat(trip.meta()).containsEntry("cooldown_sec", 900L).containsEntry("trip_streak", -1L);
            assertThat(f.raw.ttl("quantum:safety:safe_mode")).isBetween(800L, 900L);
            assertThat(f.faults()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void statisticsGarbageNeverInflatesTheFleetCountersAndNothingIsLostOnceItIsGone(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(100).symbolMax(100));
            long bucket = kernel.decide(Intent.of("BTCUSDT", "BUY")).metaLong("bucket", -1);
            f.raw.del("quantum:safety:rate:top:" + bucket);
            f.raw.set("quantum:safety:rate:top:" + bucket, "not a sorted set");
            for (int i = 0; i < 5; i++) {
                assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            }
            // Only the ranking failed: each decision counted once, no count sent twice.
            assertThat(f.decisions()).containsExactly(Map.entry("OK", "6"));

            f.raw.set("quantum:safety:decisions", "not a hash");
            for (int i = 0; i < 3; i++) {
                kernel.decide(Intent.of("ETHUSDT", "BUY"));
            }
            f.raw.del("quantum:safety:decisions");
            kernel.decide(Intent.of("ETHUSDT", "BUY"));

            // The three decisions the garbage hash could not take arrive with the next one, once.
            assertThat(f.decisions()).containsExactly(Map.entry("OK", "4"));
            // The ranking set stays garbage throughout: every decision after the first reported a statistics error.
            assertThat(kernel.failures().statsErrors()).isEqualTo(9);
        }
    }
}
