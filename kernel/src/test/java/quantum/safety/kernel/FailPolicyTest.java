package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis down or restarting: the fail policy answers, nothing throws, the failures are counted and reach the
 * fleet-wide counters late. Each test owns its server so it can kill it.
 */
class FailPolicyTest {

    private static final String SOURCES = "quantum.safety.kernel.RedisServers#sources";

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCES)
    void legacyBugSilentFailOpenRedisDownFailsOpenOnlyWhenConfiguredCountedAndReportedLateAfterARestart(
            LocalRedis.Source source) throws IOException {
        try (LocalRedis server = LocalRedis.start(Optional.of(source)); KernelFixture f = new KernelFixture(server)) {
            SafetyKernel kernel = f.kernel(b -> b.failPolicy(FailPolicy.OPEN));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCES)
    void failOpenIsCappedPerSymbolAndOverallThenClosedAndTheDefaultIsClosed(LocalRedis.Source source)
            throws IOException {
        try (LocalRedis server = LocalRedis.start(Optional.of(source)); KernelFixture f = new KernelFixture(server)) {
            SafetyKernel open = f.kernel(b -> b.failPolicy(FailPolicy.OPEN).failOpenGlobalMax(3).failOpenSymbolMax(2));
            SafetyKernel byDefault = f.kernel(b -> b);
            server.kill();

            List<Reason> btc = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                btc.add(open.decide(Intent.of("BTCUSDT", "BUY")).reason());
            }
            Decision eth = open.decide(Intent.of("ETHUSDT", "BUY"));
            Decision sol = open.decide(Intent.of("SOLUSDT", "BUY"));

            assertThat(btc).containsExactly(Reason.FAIL_OPEN_ERROR, Reason.FAIL_OPEN_ERROR, Reason.FAIL_CLOSED_ERROR);
            assertThat(eth.reason()).isEqualTo(Reason.FAIL_OPEN_ERROR);
            assertThat(sol.reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
            assertThat(sol.meta()).containsEntry("fail_open_capped", true);
            assertThat(open.failures()).isEqualTo(new FailureStats(3, 2, 3, 2, 0, 0, 0, 2, 0));
            assertThat(byDefault.decide(Intent.of("BTCUSDT", "BUY")).reason()).isEqualTo(Reason.FAIL_CLOSED_ERROR);
        }
    }

    @Test
    void aClientThatDoesNotEnforceTheDeadlineIsRefused() throws IOException {
        try (LocalRedis server = LocalRedis.start(); JedisPooled unbounded = new JedisPooled(server.host(), server.port());
             UnifiedJedis slow = RedisConnector.to(RedisEndpoint.standalone(server.host(), server.port()),
                     RedisCredentials.none()).connectTimeout(Duration.ofSeconds(1)).forDecisions(Duration.ofSeconds(1))
                     .open()) {
            assertThatThrownBy(() -> SafetyKernel.create(KernelConfig.defaults(), unbounded, RedisSchema.legacy()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not enforce the decision "
                            + "timeout (250 ms)").hasMessageContaining("forDecisions");
            assertThatThrownBy(() -> SafetyKernel.create(KernelConfig.defaults(), slow, RedisSchema.legacy()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("deadline of 1000 ms").hasMessageContaining("decision timeout (250 ms)");
        }
    }
}
