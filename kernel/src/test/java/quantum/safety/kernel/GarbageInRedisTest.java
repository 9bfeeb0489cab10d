package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong types and non-numeric values in the kernel's keys: the fail policy holds, nothing throws, nothing is half
 * written, and no error path clears SAFE MODE.
 */
class GarbageInRedisTest {

    private static final String BOTH = "quantum.safety.kernel.RedisServers#both";

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void nonNumericGlobalCounterFailsOpenWithoutWritingAnything(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel();
            long bucket = kernel.decide(Intent.of("BTCUSDT", "BUY")).metaLong("bucket", -1);
            f.raw.flushAll();
            f.raw.set("quantum:safety:rate:global:" + bucket, "garbage");
            f.raw.set("quantum:safety:rate:global:" + (bucket + 1), "garbage");

            Decision d = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(d.reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(f.raw.keys("*")).containsExactlyInAnyOrder("quantum:safety:rate:global:" + bucket,
                    "quantum:safety:rate:global:" + (bucket + 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void nonNumericSymbolCounterFailsClosedAndLeavesTheGlobalCounterAlone(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.failPolicy(FailPolicy.CLOSED));
            long bucket = kernel.decide(Intent.of("ETHUSDT", "BUY")).metaLong("bucket", -1);
            for (long b = bucket; b <= bucket + 1; b++) {
                f.raw.set("quantum:safety:rate:symbol:BTCUSDT:" + b, "12abc");
            }

            Decision d = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(d.reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
            assertThat(d.allowed()).isFalse();
            long globalTotal = f.raw.keys("quantum:safety:rate:global:*").stream()
                    .mapToLong(k -> Long.parseLong(f.raw.get(k))).sum();
            assertThat(globalTotal).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void wrongTypesInTheFlagsFollowTheFailPolicyAndNeverClearSafeMode(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel open = f.kernel(b -> b.globalMax(1).cooldownSeconds(200));
            SafetyKernel closed = f.kernel(b -> b.globalMax(1).failPolicy(FailPolicy.CLOSED));
            open.decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(open.decide(Intent.of("BTCUSDT", "BUY")).tripped()).isTrue();
            Map<String, String> info = f.raw.hgetAll("quantum:safety:safe_mode:info");

            f.raw.hset("quantum:kill", "oops", "1");
            assertThat(open.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(closed.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
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
    void aSafeModeKeyOfTheWrongTypeFollowsTheFailPolicy(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            f.raw.lpush("quantum:safety:safe_mode", "1");

            assertThat(f.kernel().decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(f.kernel(b -> b.failPolicy(FailPolicy.CLOSED)).decide(Intent.of("BTCUSDT", "BUY")).reason())
                    .isEqualTo(Reason.FAIL_CLOSED_ERROR);
            assertThat(f.raw.type("quantum:safety:safe_mode")).isEqualTo("list");
            assertThat(f.raw.keys("quantum:safety:rate:*")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void legacyBugFailedXaddAfterSetATripLeavesBothFlagAndEventOrNeither(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1));
            long bucket = kernel.decide(Intent.of("BTCUSDT", "BUY")).metaLong("bucket", -1);
            f.raw.set("quantum:stream:safety.fault", "not a stream");

            Decision failedTrip = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(failedTrip.reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(f.raw.exists("quantum:safety:safe_mode")).isFalse();
            assertThat(f.raw.exists("quantum:safety:safe_mode:info")).isFalse();
            assertThat(f.raw.exists("quantum:stream:safety.audit")).isFalse();
            assertThat(f.raw.get("quantum:safety:rate:global:" + bucket)).isEqualTo("1");

            // Same with a broken audit stream: the fault stream must not get an event without its flag.
            f.raw.del("quantum:stream:safety.fault");
            f.raw.hset("quantum:stream:safety.audit", "x", "y");
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(f.raw.exists("quantum:safety:safe_mode")).isFalse();
            assertThat(f.raw.exists("quantum:stream:safety.fault")).isFalse();

            f.raw.del("quantum:stream:safety.audit");
            Decision trip = kernel.decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(trip.reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
            assertThat(f.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(f.faults()).hasSize(1);
            assertThat(f.audits()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void garbageTripStreakAbortsTheTripBeforeAnyWrite(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.globalMax(1).escalateCooldown(true));
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            f.raw.set("quantum:safety:trip_streak", "x");

            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(f.raw.exists("quantum:safety:safe_mode")).isFalse();
            assertThat(f.faults()).isEmpty();
        }
    }
}
