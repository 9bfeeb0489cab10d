package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.StreamEntryID;

/**
 * Every hostile state the kernel must survive, times both fail policies, times a plain and a reduce-only intent: the
 * expected reason, and the expected fleet counters (in Redis at once, reported late once Redis answers again, or
 * only in-process when Redis never accepts the kernel). No row may turn what the kernel cannot read, or a trip it
 * could not record, into an allowed intent; only an outage with nothing known may fail open, and only capped.
 *
 * <p>Each row gets its own Redis server, so that it can stall, kill or reconfigure it.
 */
class FaultMatrixTest {

    /** A decision deadline short enough for stalls to pass it in a test, long enough for a busy CI machine. */
    static final Duration DEADLINE = Duration.ofMillis(300);

    enum Kind {
        PLAIN, REDUCE_ONLY;

        Intent intent() {
            return Intent.of("BTCUSDT", "SELL").withReduceOnly(this == REDUCE_ONLY);
        }
    }

    /** How the counters of the row's decision reach the fleet-wide hashes. */
    enum Fleet {
        /** The script counted it in {@code safety:decisions} at once. */
        AT_ONCE,
        /** Redis did not answer: the next decision that gets through reports it. */
        LATE,
        /** Redis refuses the kernel itself: only the kernel's own counters know. */
        IN_PROCESS
    }

    /** One hostile state: how to make it, what each policy and intent kind must get, how it is counted. */
    record Hostile(String name, List<String> serverArgs, Optional<LocalRedis.Source> source, Setup setup,
                   Expectation expected, Fleet fleet, Check check) {

        Hostile(String name, Setup setup, Expectation expected, Fleet fleet) {
            this(name, List.of(), Optional.empty(), setup, expected, fleet, (env, kernel, d) -> { });
        }

        Hostile args(String... args) {
            return new Hostile(name, List.of(args), source, setup, expected, fleet, check);
        }

        Hostile on(LocalRedis.Source only) {
            return new Hostile(name, serverArgs, Optional.of(only), setup, expected, fleet, check);
        }

        Hostile then(Check more) {
            return new Hostile(name, serverArgs, source, setup, expected, fleet, more);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    interface Setup {
        /** Prepares the state; returns what undoes it after the decision (to let Redis answer again). */
        Runnable apply(FaultMatrixEnv env) throws Exception;
    }

    interface Expectation {
        Reason reason(FailPolicy policy, Kind kind);
    }

    interface Check {
        void verify(FaultMatrixEnv env, SafetyKernel kernel, Decision decision) throws Exception;
    }

    static Expectation always(Reason reason) {
        return (policy, kind) -> reason;
    }

    /**
     * SAFE MODE taken as on from a value that is not the clear "1": everything blocked, reduce-only too, since the
     * kernel cannot tell what the flag says.
     */
    static Expectation unclearSafeMode() {
        return always(Reason.SAFE_MODE_ENABLED);
    }

    /** Redis unavailable and nothing known: the policy answers (the fail-open cap is not reached by one decision). */
    static Expectation policy() {
        return (policy, kind) -> policy.reason();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        // -DfaultMatrix.only=text runs the rows whose name contains the text, for working on one of them.
        String only = System.getProperty("faultMatrix.only", "");
        for (Hostile hostile : hostileStates().stream().filter(h -> h.name().contains(only)).toList()) {
            for (FailPolicy policy : FailPolicy.values()) {
                for (Kind kind : Kind.values()) {
                    rows.add(Arguments.of(hostile, policy, kind));
                }
            }
        }
        return rows.stream();
    }

    static List<Hostile> hostileStates() {
        return List.of(
                // Flags that cannot be read as a clear "off" are on.
                new Hostile("kill switch is a hash", env -> flag(env, "quantum:kill", r -> r.hset("quantum:kill", "v", "0")),
                        always(Reason.KILL_SWITCH_ENGAGED), Fleet.AT_ONCE),
                new Hostile("kill switch is a list", env -> flag(env, "quantum:kill", r -> r.rpush("quantum:kill", "0")),
                        always(Reason.KILL_SWITCH_ENGAGED), Fleet.AT_ONCE),
                new Hostile("kill switch holds \"\"", env -> flag(env, "quantum:kill", r -> r.set("quantum:kill", "")),
                        always(Reason.KILL_SWITCH_ENGAGED), Fleet.AT_ONCE),
                new Hostile("SAFE MODE is a hash", env -> flag(env, "quantum:safety:safe_mode",
                        r -> r.hset("quantum:safety:safe_mode", "v", "0")), unclearSafeMode(), Fleet.AT_ONCE),
                new Hostile("SAFE MODE is a stream", env -> flag(env, "quantum:safety:safe_mode",
                        r -> r.xadd("quantum:safety:safe_mode", StreamEntryID.NEW_ENTRY, Map.of("v", "0"))),
                        unclearSafeMode(), Fleet.AT_ONCE),
                new Hostile("SAFE MODE holds \" 1\"", env -> flag(env, "quantum:safety:safe_mode",
                        r -> r.set("quantum:safety:safe_mode", " 1")), unclearSafeMode(), Fleet.AT_ONCE),
                new Hostile("SAFE MODE holds \"1\" (clear)", env -> flag(env, "quantum:safety:safe_mode",
                        r -> r.set("quantum:safety:safe_mode", "1")), (policy, kind) -> kind == Kind.REDUCE_ONLY
                        ? Reason.REDUCE_ONLY_ALLOWED : Reason.SAFE_MODE_ENABLED, Fleet.AT_ONCE),
                new Hostile("SAFE MODE on and reduce-only over the limit of all symbols", env -> {
                    env.raw.set("quantum:safety:safe_mode", "1");
                    env.raw.set("quantum:safety:rate:reduce_only_global:" + env.bucket(), "3");
                    return () -> { };
                }, (policy, kind) -> kind == Kind.REDUCE_ONLY ? Reason.REDUCE_ONLY_RATE_EXCEEDED
                        : Reason.SAFE_MODE_ENABLED, Fleet.AT_ONCE),
                new Hostile("SAFE MODE on and reduce-only over its limit", env -> {
                    env.raw.set("quantum:safety:safe_mode", "1");
                    env.raw.set("quantum:safety:rate:reduce_only:BTCUSDT:" + env.bucket(), "2");
                    return () -> { };
                }, (policy, kind) -> kind == Kind.REDUCE_ONLY ? Reason.REDUCE_ONLY_RATE_EXCEEDED
                        : Reason.SAFE_MODE_ENABLED, Fleet.AT_ONCE).then((env, kernel, d) -> {
                            assertThat(env.raw.exists("quantum:safety:rate:global:" + env.bucket())).isFalse();
                            assertThat(env.raw.xlen("quantum:stream:safety.fault")).isZero();
                        }),

                // A decided trip always lands; events it cannot write are counted.
                tripWith("fault stream is a string", env -> env.raw.set("quantum:stream:safety.fault", "x"), 1, 0),
                tripWith("fault stream's last id is at the maximum", env -> env.raw.sendCommand(Protocol.Command.XADD,
                        "quantum:stream:safety.fault", "18446744073709551615-18446744073709551615", "v", "1"), 1, 0),
                tripWith("audit stream is a hash", env -> env.raw.hset("quantum:stream:safety.audit", "v", "1"), 0, 1),
                tripWith("trip streak at the integer limit", env -> env.raw.set("quantum:safety:trip_streak",
                        String.valueOf(Long.MAX_VALUE)), 0, 0).then((env, kernel, d) ->
                        assertThat(d.meta()).containsEntry("cooldown_sec", 40L).containsEntry("trip_streak", -1L)),
                tripWith("trip streak is not a number", env -> env.raw.set("quantum:safety:trip_streak", "x"), 0, 0)
                        .then((env, kernel, d) -> assertThat(d.meta()).containsEntry("cooldown_sec", 40L)),
                tripWith("trip streak is negative", env -> env.raw.set("quantum:safety:trip_streak", "-5"), 0, 0)
                        .then((env, kernel, d) -> {
                            assertThat(d.meta()).containsEntry("cooldown_sec", 40L).containsEntry("trip_streak", -1L);
                            assertThat(env.raw.ttl("quantum:safety:safe_mode")).isBetween(30L, 40L);
                        }),

                // Counters that are not counts block, and nothing stays written.
                new Hostile("global counter is not a number", env -> {
                    env.raw.set("quantum:safety:rate:global:" + env.bucket(), "garbage");
                    return () -> { };
                }, always(Reason.STATE_UNREADABLE), Fleet.AT_ONCE).then((env, kernel, d) -> {
                    assertThat(env.raw.get("quantum:safety:rate:global:" + env.bucket())).isEqualTo("garbage");
                    assertThat(env.raw.exists("quantum:safety:rate:symbol:BTCUSDT:" + env.bucket())).isFalse();
                }),
                new Hostile("global counter is negative", env -> {
                    env.raw.set("quantum:safety:rate:global:" + env.bucket(), "-1000");
                    return () -> { };
                }, always(Reason.STATE_UNREADABLE), Fleet.AT_ONCE).then((env, kernel, d) ->
                        assertThat(env.raw.get("quantum:safety:rate:global:" + env.bucket())).isEqualTo("-1000")),
                new Hostile("symbol counter is negative", env -> {
                    env.raw.set("quantum:safety:rate:symbol:BTCUSDT:" + env.bucket(), "-7");
                    return () -> { };
                }, always(Reason.STATE_UNREADABLE), Fleet.AT_ONCE).then((env, kernel, d) -> {
                    assertThat(env.raw.get("quantum:safety:rate:symbol:BTCUSDT:" + env.bucket())).isEqualTo("-7");
                    assertThat(env.raw.get("quantum:safety:rate:global:" + env.bucket())).isEqualTo("0");
                }),
                new Hostile("symbol counter is a list", env -> {
                    env.raw.rpush("quantum:safety:rate:symbol:BTCUSDT:" + env.bucket(), "1");
                    return () -> { };
                }, always(Reason.STATE_UNREADABLE), Fleet.AT_ONCE).then((env, kernel, d) ->
                        assertThat(env.raw.get("quantum:safety:rate:global:" + env.bucket())).isEqualTo("0")),

                // Redis unavailable: the last state read blocks first, whatever the policy; then the policy.
                new Hostile("Redis stalled past the deadline (CLIENT PAUSE)", env -> env.pause(1500),
                        policy(), Fleet.LATE),
                new Hostile("Redis stalled while SAFE MODE was on", env -> {
                    env.raw.setex("quantum:safety:safe_mode", 600, "1");
                    env.prime();
                    return env.pause(1500);
                }, always(Reason.SAFE_MODE_ENABLED), Fleet.LATE),
                new Hostile("Redis stalled while the kill switch was on", env -> {
                    env.raw.set("quantum:kill", "1");
                    env.prime();
                    return env.pause(1500);
                }, always(Reason.KILL_SWITCH_ENGAGED), Fleet.LATE),
                new Hostile("Redis frozen (SIGSTOP)", env -> {
                    env.server.pause();
                    return () -> {
                        try {
                            env.server.resume();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    };
                }, policy(), Fleet.LATE),
                new Hostile("connection pool exhausted", FaultMatrixEnv::holdTheOnlyConnection, policy(), Fleet.LATE),
                new Hostile("another client's script is busy", FaultMatrixEnv::busyScript, policy(), Fleet.LATE)
                        .args("--lua-time-limit", "100"),
                new Hostile("Redis refuses writes (OOM) with SAFE MODE on", env -> {
                    env.raw.set("quantum:safety:safe_mode", "1");
                    env.prime();
                    env.raw.configSet("maxmemory-policy", "noeviction");
                    env.raw.configSet("maxmemory", "1");
                    return () -> env.raw.configSet("maxmemory", "0");
                }, always(Reason.SAFE_MODE_ENABLED), Fleet.LATE),
                new Hostile("Redis refuses writes (OOM), flags off", env -> {
                    env.prime();
                    env.raw.configSet("maxmemory-policy", "noeviction");
                    env.raw.configSet("maxmemory", "1");
                    return () -> env.raw.configSet("maxmemory", "0");
                }, policy(), Fleet.LATE),
                new Hostile("Redis is down", env -> {
                    env.server.kill();
                    return () -> {
                        try {
                            env.server.restart();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    };
                }, policy(), Fleet.IN_PROCESS),

                // Configuration errors are not outages.
                new Hostile("wrong password", env -> env.password("wrong-password"), always(Reason.CONFIG_ERROR),
                        Fleet.IN_PROCESS).args("--requirepass", "right-password"),
                new Hostile("no password where one is required", env -> env.password(null),
                        always(Reason.CONFIG_ERROR), Fleet.IN_PROCESS).args("--requirepass", "right-password"),
                new Hostile("ACL user may not run scripts", env -> {
                    env.raw.aclSetUser("trader", "on", ">trader-password", "~*", "+@all", "-evalsha", "-eval");
                    return env.user("trader", "trader-password");
                }, always(Reason.CONFIG_ERROR), Fleet.IN_PROCESS),
                new Hostile("ACL user may run scripts but not INCR", env -> {
                    env.raw.aclSetUser("trader", "on", ">trader-password", "~*", "+@all", "-incr");
                    return env.user("trader", "trader-password");
                }, (policy, kind) -> Reason.CONFIG_ERROR, Fleet.IN_PROCESS).then((env, kernel, d) ->
                        assertThat(env.raw.keys("quantum:safety:rate:*")).isEmpty()),

                // A Redis 6.2 that does not replicate script effects by default still decides.
                new Hostile("Redis 6.2 with lua-replicate-commands no", env -> () -> { }, always(Reason.OK),
                        Fleet.AT_ONCE).args("--lua-replicate-commands", "no").on(LocalRedis.Source.EMBEDDED));
    }

    /** A trip (the global max is 2 and two intents are already counted) against a broken event target. */
    static Hostile tripWith(String name, java.util.function.Consumer<FaultMatrixEnv> breakIt, long lostFault, long lostAudit) {
        return new Hostile(name, env -> {
            env.raw.set("quantum:safety:rate:global:" + env.bucket(), "2");
            breakIt.accept(env);
            return () -> { };
        }, always(Reason.GLOBAL_RATE_EXCEEDED), Fleet.AT_ONCE).then((env, kernel, d) -> {
            assertThat(env.raw.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(env.raw.ttl("quantum:safety:safe_mode")).isPositive();
            long lost = lostFault + lostAudit;
            assertThat(env.raw.hget("quantum:safety:totals", "lost_events")).isEqualTo(lost == 0 ? null : String.valueOf(lost));
            assertThat(env.raw.hget("quantum:safety:totals", "trips")).isEqualTo("1");
            assertThat(kernel.failures().lostEvents()).isEqualTo(lost);
            assertThat(d.metaLong("lost_events", 0)).isEqualTo(lost);
        });
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("matrix")
    void noHostileStateLetsAnIntentThroughThatTheKernelCannotVouchFor(Hostile hostile, FailPolicy policy, Kind kind)
            throws Exception {
        try (FaultMatrixEnv env = new FaultMatrixEnv(hostile, policy)) {
            env.snapshot();
            Runnable undo = hostile.setup().apply(env);
            Map<String, String> before = env.before;

            Decision decision = env.kernel.decide(kind.intent());
            undo.run();

            Reason expected = hostile.expected().reason(policy, kind);
            assertThat(decision.reason()).as("reason of %s", decision.meta()).isEqualTo(expected);
            assertThat(decision.allowed()).isEqualTo(expected.allowed());
            hostile.check().verify(env, env.kernel, decision);
            switch (hostile.fleet()) {
                case AT_ONCE -> assertThat(env.raw.hget("quantum:safety:decisions", expected.name()))
                        .isEqualTo(String.valueOf(Long.parseLong(before.getOrDefault(expected.name(), "0")) + 1));
                case LATE -> {
                    await().atMost(Duration.ofSeconds(20)).until(() -> env.raw.ping().equals("PONG"));
                    env.raw.del("quantum:safety:safe_mode", "quantum:kill");
                    Decision next = env.kernel.decide(Intent.of("SOLUSDT", "BUY"));
                    assertThat(next.reason()).isEqualTo(Reason.OK);
                    assertThat(env.raw.hget("quantum:safety:decisions", expected.name()))
                            .isEqualTo(String.valueOf(Long.parseLong(before.getOrDefault(expected.name(), "0")) + 1));
                    assertThat(env.raw.hget("quantum:safety:totals", "fail_open"))
                            .isEqualTo(expected == Reason.FAIL_OPEN_ERROR ? "1" : null);
                }
                case IN_PROCESS -> {
                    FailureStats stats = env.kernel.failures();
                    assertThat(stats.failOpen()).isEqualTo(expected == Reason.FAIL_OPEN_ERROR ? 1 : 0);
                    assertThat(stats.failClosed()).isEqualTo(expected == Reason.FAIL_CLOSED_ERROR ? 1 : 0);
                    assertThat(stats.configErrors()).isEqualTo(expected == Reason.CONFIG_ERROR ? 1 : 0);
                    assertThat(decision.meta()).containsKey("error");
                }
            }
        }
    }

    private static Runnable flag(FaultMatrixEnv env, String key, java.util.function.Consumer<Jedis> write) {
        write.accept(env.raw);
        return () -> { };
    }

}
