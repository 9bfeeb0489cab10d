package quantum.safety.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Status;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

@ExtendWith(RedisExtension.class)
class RedisChecksTest {

    private static CheckResult named(List<CheckResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void keysOfTheWrongTypeAreReportedWithTheFix(TestRedis redis) {
        try (Jedis jedis = redis.connect(); JedisPooled pooled = new JedisPooled(redis.host(), redis.port())) {
            jedis.hset("quantum:kill", "x", "1");
            jedis.set("quantum:safety:decisions", "oops");

            CheckResult types = named(new RedisChecks(pooled, RedisSchema.legacy(), redis.uri()).run(),
                    "contract keys have the right types");

            assertThat(types.status()).isEqualTo(Status.FAILED);
            assertThat(types.evidence()).contains("quantum:kill: hash (expected string)",
                    "quantum:safety:decisions: string (expected hash)");
            assertThat(types.fix()).contains("DEL");
        }
    }

    @Test
    void aSafeModeSetByHandWithoutTtlIsShownAsSuchAndGarbageCountersFail(TestRedis redis) {
        try (Jedis jedis = redis.connect(); JedisPooled pooled = new JedisPooled(redis.host(), redis.port())) {
            jedis.set("quantum:safety:safe_mode", "1");
            jedis.hset("quantum:safety:decisions", Map.of("OK", "12", "SAFE_MODE_ENABLED", "x"));

            List<CheckResult> results = new RedisChecks(pooled, RedisSchema.legacy(), redis.uri()).run();

            assertThat(named(results, "SAFE MODE state").evidence())
                    .contains("SAFE MODE ON", "no TTL (latched or set by hand)", "no info hash (set by hand)");
            assertThat(named(results, "kernel counters").status()).isEqualTo(Status.FAILED);
            assertThat(named(results, "kernel counters").evidence()).contains("quantum:safety:decisions.SAFE_MODE_ENABLED=x");
        }
    }

    @Test
    void worksTheSameOnRedis62() throws Exception {
        try (LocalRedis redis = LocalRedis.start(Optional.of(LocalRedis.Source.EMBEDDED));
             Jedis jedis = redis.connect(); JedisPooled pooled = new JedisPooled(redis.host(), redis.port())) {
            jedis.setex("quantum:safety:safe_mode", 60, "1");
            jedis.xadd("quantum:stream:safety.fault", StreamEntryID.NEW_ENTRY, Map.of("timestamp", "1768784108",
                    "reason", "GLOBAL_RATE_EXCEEDED"));

            List<CheckResult> results = new RedisChecks(pooled, RedisSchema.legacy(), redis.uri()).run();

            assertThat(results).noneMatch(r -> r.status() == Status.FAILED);
            assertThat(named(results, "Redis reachable").evidence()).contains("redis_version 6.2");
            assertThat(named(results, "SAFE MODE state").evidence()).contains("SAFE MODE ON", "clears in");
            assertThat(named(results, "fault stream").evidence()).contains("XLEN quantum:stream:safety.fault = 1",
                    "GLOBAL_RATE_EXCEEDED");
        }
    }

    @Test
    void anUnreachableRedisIsOneFailedCheckNotACrash() throws Exception {
        int closedPort = LocalRedis.freePort();
        try (JedisPooled pooled = new JedisPooled("127.0.0.1", closedPort)) {
            List<CheckResult> results = new RedisChecks(pooled, RedisSchema.legacy(), "redis://127.0.0.1:" + closedPort).run();
            assertThat(results.get(0).status()).isEqualTo(Status.FAILED);
            assertThat(results.get(0).fix()).contains("--redis.addr");
            assertThat(results.get(1).status()).isEqualTo(Status.SKIPPED);
        }
    }

    @Test
    void theKernelSettingsCheckListsTheLiveKernelsAndFailsWhenTheyDisagree(TestRedis redis) {
        try (Jedis jedis = redis.connect(); JedisPooled pooled = new JedisPooled(redis.host(), redis.port())) {
            RedisChecks checks = new RedisChecks(pooled, RedisSchema.legacy(), redis.uri());
            assertThat(named(checks.run(), "kernel settings").evidence()).contains("no live kernel");

            long expires = Long.parseLong(jedis.time().get(0)) + 60;
            jedis.hset("quantum:safety:kernels", "router-a", kernel(10, 20, 5, expires));
            CheckResult agreeing = named(checks.run(), "kernel settings");
            jedis.hset("quantum:safety:kernels", "router-b", kernel(5, 30, 10, expires));
            CheckResult drifting = named(checks.run(), "kernel settings");

            assertThat(agreeing.status()).isEqualTo(Status.PASSED);
            assertThat(agreeing.evidence()).contains("router-a: window 10s, global max 20, symbol max 5");
            assertThat(drifting.status()).isEqualTo(Status.FAILED);
            assertThat(drifting.evidence()).contains("router-a: window 10s", "router-b: window 5s, global max 30");
            assertThat(drifting.fix()).contains("--window (env QUANTUM_SAFETY_WINDOW_SEC)", "--global-max",
                    "separate key prefixes");
        }
    }

    private static String kernel(int window, int globalMax, int symbolMax, long expiresAt) {
        return quantum.safety.kernel.PublishedSettings.of(quantum.safety.kernel.KernelConfig.builder().kernelId("x")
                .windowSeconds(window).globalMax(globalMax).symbolMax(symbolMax).build()).encode()
                + " published_at=" + (expiresAt - 60) + " expires_at=" + expiresAt;
    }
}
