package quantum.safety.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

class SafetyStatusReaderTest extends StateTestBase {

    private static final StatusLimits LIMITS = StatusLimits.builder().kernel(KernelConfig.defaults()).lastFaults(2).build();

    private SafetyStatus read() {
        return new SafetyStatusReader(client, SCHEMA, LIMITS, redis.uri()).read();
    }

    @Test
    void everyRecordIsReadAtRedisTimeAndTheHealthIsKnown() {
        try (Jedis jedis = jedis()) {
            jedis.setex(SCHEMA.safeMode(), 120, "1");
            jedis.set(SCHEMA.executionMode(), "TESTNET");
            jedis.hset(SCHEMA.decisionCounters(), "OK", "12");
            long bucket = RedisSchema.bucket(Long.parseLong(jedis.time().get(0)), 10);
            jedis.set(SCHEMA.globalRate(bucket), "3");
            jedis.zadd(SCHEMA.symbolRanking(bucket), 3, "BTCUSDT");
            for (int i = 0; i < 3; i++) {
                jedis.xadd(SCHEMA.faultStream(), StreamEntryID.NEW_ENTRY, Map.of("reason", "R" + i));
            }
        }
        SafetyStatus status = read();

        assertThat(status.reachable()).isTrue();
        assertThat(status.blocked()).isTrue();
        assertThat(status.redis().version()).startsWith(redis.version());
        assertThat(status.safeMode().secondsLeft()).isPresent();
        assertThat(status.controls().mode().text()).hasValue("TESTNET");
        assertThat(status.kernel().decisions()).containsEntry("OK", 12.0);
        assertThat(status.current().top()).containsExactly(new SymbolCount("BTCUSDT", 3));
        assertThat(status.faults().lastHour().orElseThrow().count()).isEqualTo(3);
        assertThat(status.recentFaults()).hasSize(2).extracting(f -> f.reason()).containsExactly("R2", "R1");
        assertThat(status.problems()).isEmpty();
    }

    @Test
    void problemsOfEveryRecordAreListedOnce() {
        try (Jedis jedis = jedis()) {
            jedis.hset(SCHEMA.safeMode(), "a", "b");
            jedis.set(SCHEMA.faultStream(), "not a stream");
            jedis.set(SCHEMA.killSwitch(), "maybe");
            jedis.hset(SCHEMA.decisionCounters(), "OK", "NaNx");
        }
        SafetyStatus status = read();
        assertThat(status.blocked()).isTrue();
        assertThat(status.problems()).doesNotHaveDuplicates()
                .anySatisfy(p -> assertThat(p).contains(SCHEMA.safeMode()))
                .anySatisfy(p -> assertThat(p).contains(SCHEMA.killSwitch()))
                .anySatisfy(p -> assertThat(p).contains(SCHEMA.decisionCounters()))
                .anySatisfy(p -> assertThat(p).contains("XLEN " + SCHEMA.faultStream(), "WRONGTYPE"));
        assertThat(status.faults().readable()).isFalse();
    }

    @Test
    void anUnreachableRedisIsAStatusNotAnException() throws Exception {
        int closed = LocalRedis.freePort();
        try (JedisPooled nowhere = new JedisPooled("127.0.0.1", closed)) {
            SafetyStatus status = new SafetyStatusReader(nowhere, SCHEMA, LIMITS, "redis://127.0.0.1:" + closed).read();
            assertThat(status.reachable()).isFalse();
            assertThat(status.blocked()).isFalse();
            assertThat(status.redis().error()).hasValueSatisfying(e -> assertThat(e).isNotBlank());
            assertThat(status.problems()).isEmpty();
        }
    }

    @Test
    void ratesAloneReadBothWindows() {
        try (Jedis jedis = jedis()) {
            long bucket = RedisSchema.bucket(Long.parseLong(jedis.time().get(0)), 3600);
            jedis.set(SCHEMA.globalRate(bucket - 1), "4");
            jedis.zadd(SCHEMA.symbolRanking(bucket - 1), 4, "SOLUSDT");
        }
        StatusLimits hourly = StatusLimits.builder().kernel(KernelConfig.defaults()).windowSeconds(3600).build();
        RateWindows rates = new SafetyStatusReader(client, SCHEMA, hourly, redis.uri()).readRates();
        assertThat(rates.current().globalCount()).hasValue(0);
        assertThat(rates.previous().top()).containsExactly(new SymbolCount("SOLUSDT", 4));
        assertThat(rates.problems()).isEmpty();
    }

    @Test
    void worksOnRedis62() throws Exception {
        try (LocalRedis old = LocalRedis.start(java.util.Optional.of(LocalRedis.Source.EMBEDDED));
             Jedis jedis = old.connect(); JedisPooled pooled = new JedisPooled(old.host(), old.port())) {
            jedis.set(SCHEMA.safeMode(), "1");
            jedis.hset(SCHEMA.kernelTotals(), "trips", "4");
            SafetyStatus status = new SafetyStatusReader(pooled, SCHEMA, LIMITS, old.uri()).read();
            assertThat(status.redis().version()).startsWith("6.2");
            assertThat(status.safeMode().latched()).isTrue();
            assertThat(status.faults().total().count()).hasValue(4);
            assertThat(status.problems()).isEmpty();
        }
    }

    @Test
    void theStatusShowsTheLimitsAndWindowTheLiveKernelsPublishedNotTheTools() {
        try (Jedis jedis = jedis()) {
            long now = Long.parseLong(jedis.time().get(0));
            jedis.hset(SCHEMA.kernelSettings(), "demo", LiveKernelsReaderTest.entry(3600, 30, 10, now + 60));
            jedis.set(SCHEMA.globalRate(RedisSchema.bucket(now, 3600)), "7");
        }
        SafetyStatus status = read();

        assertThat(status.limits().windowSeconds()).isEqualTo(3600);
        assertThat(status.limits().globalMax()).isEqualTo(30);
        assertThat(status.limits().symbolMax()).isEqualTo(10);
        assertThat(status.limits().lastFaults()).isEqualTo(2);
        assertThat(status.limitsSource()).isEqualTo(LiveKernels.LimitsSource.KERNELS);
        assertThat(status.limitsNote()).isEqualTo("limits of kernel demo");
        assertThat(status.current().windowSeconds()).isEqualTo(3600);
        assertThat(status.current().globalCount()).hasValue(7);

        RateWindows rates = new SafetyStatusReader(client, SCHEMA, LIMITS, redis.uri()).readRates();
        assertThat(rates.limits().globalMax()).isEqualTo(30);
        assertThat(rates.current().globalCount()).hasValue(7);
        assertThat(rates.limitsNote()).isEqualTo("limits of kernel demo");
    }

    @Test
    void withoutPublishedSettingsTheToolsOwnLimitsAreShownAndLabelled() {
        SafetyStatus status = read();

        assertThat(status.limits()).isEqualTo(LIMITS);
        assertThat(status.limitsSource()).isEqualTo(LiveKernels.LimitsSource.CONFIGURATION);
        assertThat(status.limitsNote()).contains("no kernel has published");
    }
}
