package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.testkit.LocalRedis;

/**
 * Redis down or restarting: the fail policy answers, nothing throws, the failures are counted and reach the
 * fleet-wide counters late. Each test owns its server so it can kill it.
 */
class FailPolicyTest {

    private static final String SOURCES = "quantum.safety.kernel.RedisServers#sources";

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCES)
    void legacyBugSilentFailOpenRedisDownFailsOpenCountedAndReportedLateAfterARestartWithoutScripts(
            LocalRedis.Source source) throws IOException {
        try (LocalRedis server = LocalRedis.start(Optional.of(source)); KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel();
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);

            server.kill();
            for (int i = 0; i < 3; i++) {
                Decision[] holder = new Decision[1];
                assertThatCode(() -> holder[0] = kernel.decide(Intent.of("BTCUSDT", "BUY"))).doesNotThrowAnyException();
                assertThat(holder[0].allowed()).isTrue();
                assertThat(holder[0].reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
                assertThat(holder[0].meta()).containsKey("error").containsEntry("symbol", "BTCUSDT")
                        .containsEntry("tripped", false);
            }
            assertThat(kernel.failures()).isEqualTo(new FailureStats(3, 0, 3, 0, 0, 0, 0, 0, 0));

            // The restarted server is empty: the first call meets NOSCRIPT and loads the script again.
            server.restart();
            f.raw.close();
            try (var raw = server.connect()) {
                assertThat(raw.scriptExists(DecisionScript.sha1())).isFalse();
                Decision after = kernel.decide(Intent.of("BTCUSDT", "BUY"));
                assertThat(after.reason()).isEqualTo(Reason.OK);
                assertThat(raw.scriptExists(DecisionScript.sha1())).isTrue();
                assertThat(raw.hgetAll("quantum:safety:decisions")).containsEntry("OK", "1")
                        .containsEntry("FAIL_OPEN_ERROR", "3");
                assertThat(raw.hget("quantum:safety:totals", "fail_open")).isEqualTo("3");
            }
            assertThat(kernel.failures()).isEqualTo(new FailureStats(3, 0, 0, 0, 0, 0, 0, 0, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCES)
    void failClosedBlocksWhileRedisIsDownAndReportsLate(LocalRedis.Source source) throws IOException {
        try (LocalRedis server = LocalRedis.start(Optional.of(source)); KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.failPolicy(FailPolicy.CLOSED));
            server.kill();

            Decision down = kernel.decide(Intent.of("BTCUSDT", "SELL").withReduceOnly(true));

            assertThat(down.allowed()).isFalse();
            assertThat(down.reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
            assertThat(kernel.failures().failClosed()).isEqualTo(1);
            server.restart();
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.OK);
            try (var raw = server.connect()) {
                assertThat(raw.hgetAll("quantum:safety:decisions")).containsEntry("FAIL_CLOSED_ERROR", "1");
                assertThat(raw.hget("quantum:safety:totals", "fail_open")).isNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCES)
    void aScriptFlushedUnderARunningKernelIsLoadedAgain(LocalRedis.Source source) throws IOException {
        try (LocalRedis server = LocalRedis.start(Optional.of(source)); KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel();
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            f.raw.scriptFlush();

            Decision d = kernel.decide(Intent.of("BTCUSDT", "BUY"));

            assertThat(d.reason()).isEqualTo(Reason.OK);
            assertThat(d.meta()).containsEntry("global_count", 2L);
            assertThat(kernel.failures().failOpen()).isZero();
        }
    }
}
