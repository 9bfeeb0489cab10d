package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import redis.clients.jedis.exceptions.JedisDataException;

/** Manual transitions change state and write their audit event together, with who and why. */
class SafetyOperationsTest {

    private static final String BOTH = "quantum.safety.kernel.RedisServers#both";

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void safeModeOnWithTtlThenOffIsAuditedAndDecidesAccordingly(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel();
            SafetyOperations ops = kernel.operations();

            OperationResult on = ops.setSafeMode(Optional.of(Duration.ofSeconds(90)), "alice", "exchange incident");

            assertThat(on.event()).isEqualTo(AuditEvent.SAFE_MODE_ON);
            assertThat(on.wasAlready()).isFalse();
            assertThat(on.timestamp()).isBetween(f.serverTime() - 60, f.serverTime());
            assertThat(f.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(f.raw.ttl("quantum:safety:safe_mode")).isBetween(1L, 90L);
            assertThat(f.raw.hgetAll("quantum:safety:safe_mode:info")).containsEntry("set_by", "alice")
                    .containsEntry("reason", "exchange incident").containsEntry("source", "manual")
                    .containsEntry("latched", "0").containsEntry("cooldown_sec", "90");
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);

            OperationResult off = ops.clearSafeMode("bob", "incident over");

            assertThat(off.previousValue()).isEqualTo("1");
            assertThat(f.raw.exists("quantum:safety:safe_mode", "quantum:safety:safe_mode:info")).isZero();
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            assertThat(f.audits()).extracting(e -> e.getFields().get("event")).containsExactly("SAFE_MODE_ON", "SAFE_MODE_OFF");
            assertThat(f.audits().get(1).getFields()).containsEntry("actor", "bob").containsEntry("reason", "incident over")
                    .containsEntry("previous", "1").containsKey("timestamp");
            assertThat(f.audits().get(1).getID().toString()).isEqualTo(off.auditId());
            assertThat(f.totals()).containsEntry("audit_events", "2");
            // Manual transitions are not faults: legacy readers count fault entries as trips.
            assertThat(f.faults()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void latchedSafeModeHasNoTtl(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            f.kernel().operations().setSafeMode(Optional.empty(), "alice", "until reviewed");

            assertThat(f.raw.ttl("quantum:safety:safe_mode")).isEqualTo(-1L);
            assertThat(f.raw.hget("quantum:safety:safe_mode:info", "latched")).isEqualTo("1");
            assertThat(f.audits().get(0).getFields()).containsEntry("latched", "1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void killSwitchEngageAndReleaseUseTheLegacyValues(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel();

            kernel.operations().engageKillSwitch("alice", "runaway strategy");
            assertThat(f.raw.get("quantum:kill")).isEqualTo("1");
            assertThat(kernel.decide(Intent.of("BTCUSDT", "SELL").withReduceOnly(true)).reason())
                    .isEqualTo(Reason.KILL_SWITCH_ENGAGED);

            OperationResult release = kernel.operations().releaseKillSwitch("alice", "strategy fixed");
            assertThat(release.previousValue()).isEqualTo("1");
            assertThat(f.raw.get("quantum:kill")).isEqualTo("0");
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            assertThat(f.audits()).extracting(e -> e.getFields().get("event")).containsExactly("KILL_ON", "KILL_OFF");
            assertThat(kernel.operations().releaseKillSwitch("alice", "again").wasAlready()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void blankActorOrReasonIsRefusedBeforeTouchingRedis(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            // Operations without a kernel: a kernel would publish its settings, and nothing may be written here.
            SafetyOperations ops = new SafetyOperations(f.client, f.schema);

            assertThatThrownBy(() -> ops.engageKillSwitch(" ", "why")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actor");
            assertThatThrownBy(() -> ops.clearSafeMode("alice", null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reason");
            assertThatThrownBy(() -> ops.setSafeMode(Optional.of(Duration.ofMillis(1500)), "alice", "why"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
            assertThat(f.raw.keys("*")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void aBrokenAuditStreamNeverStopsAnEngagementButStopsARelease(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            f.raw.set("quantum:stream:safety.audit", "garbage");
            SafetyOperations ops = f.kernel().operations();

            OperationResult kill = ops.engageKillSwitch("alice", "drill");
            OperationResult safe = ops.setSafeMode(Optional.empty(), "alice", "drill");

            assertThat(kill.auditLost()).isTrue();
            assertThat(safe.auditLost()).isTrue();
            assertThat(f.raw.get("quantum:kill")).isEqualTo("1");
            assertThat(f.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(f.raw.hget("quantum:safety:totals", "lost_events")).isEqualTo("2");
            assertThatThrownBy(() -> ops.releaseKillSwitch("alice", "drill over"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("nothing was changed");
            assertThatThrownBy(() -> ops.clearSafeMode("alice", "drill over"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("nothing was changed");
            assertThat(f.raw.get("quantum:kill")).isEqualTo("1");
            assertThat(f.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void actorAndReasonAreBoundedAndFreeOfControlAndBidiCharacters(RedisServers.Server server) {
        try (KernelFixture f = new KernelFixture(server)) {
            SafetyOperations ops = f.kernel().operations();

            assertThatThrownBy(() -> ops.engageKillSwitch("eve\u202E", "drill"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+202E");
            assertThatThrownBy(() -> ops.engageKillSwitch("eve", "a\u001B[2Jb"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+001B");
            assertThatThrownBy(() -> ops.engageKillSwitch("e".repeat(129), "drill"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 128");
            assertThatThrownBy(() -> ops.engageKillSwitch("eve", "r".repeat(501)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 500");
            assertThat(f.raw.exists("quantum:kill")).isFalse();
        }
    }
}
