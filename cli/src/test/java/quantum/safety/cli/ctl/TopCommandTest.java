package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

@ExtendWith(RedisExtension.class)
class TopCommandTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();

    private final TestRedis redis;

    TopCommandTest(TestRedis redis) {
        this.redis = redis;
    }

    private long bucket() {
        try (Jedis jedis = redis.connect()) {
            return RedisSchema.bucket(Long.parseLong(jedis.time().get(0)), 3600);
        }
    }

    @Test
    void showsTheBusiestSymbolsOfTheCurrentAndPreviousWindowsAgainstTheLimits() {
        long bucket = bucket();
        try (Jedis jedis = redis.connect()) {
            jedis.set(SCHEMA.globalRate(bucket), "9");
            jedis.zadd(SCHEMA.symbolRanking(bucket), 6, "BTCUSDT");
            jedis.zadd(SCHEMA.symbolRanking(bucket), 3, "ETHUSDT");
            jedis.set(SCHEMA.globalRate(bucket - 1), "4");
            jedis.zadd(SCHEMA.symbolRanking(bucket - 1), 4, "SOLUSDT");
            jedis.zadd(SCHEMA.symbolRanking(bucket - 1), 2, "BTCUSDT");
        }
        Ctl.Run run = Ctl.run(redis.uri(), "top", "--window", "1h");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("all symbols").contains("9/20").contains("4/20");
        assertThat(run.out()).containsPattern("BTCUSDT +6/5 +2/5  over the limit")
                .containsPattern("ETHUSDT +3/5 +0/5").containsPattern("SOLUSDT +0/5 +4/5");
        assertThat(run.out().indexOf("BTCUSDT")).isLessThan(run.out().indexOf("ETHUSDT"));
        assertThat(run.out().indexOf("ETHUSDT")).isLessThan(run.out().indexOf("SOLUSDT"));
    }

    @Test
    void legacyCountersWithoutTheRankingAreFoundByTheBoundedScan() {
        long bucket = bucket();
        try (Jedis jedis = redis.connect()) {
            jedis.set(SCHEMA.globalRate(bucket), "3");
            jedis.set(SCHEMA.symbolRate("XRP<script>", bucket), "3");
        }
        Ctl.Run run = Ctl.run(redis.uri(), "top", "--window", "1h");

        assertThat(run.out()).containsPattern("XRP<script> +3/5");
    }

    @Test
    void watchRefreshesAndCountStopsIt() {
        Ctl.Run run = Ctl.run(redis.uri(), "top", "--watch", "--count", "2", "--interval", "100ms");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().split("Rate windows", -1)).hasSize(3);
        assertThat(run.out()).contains("no intents in either window").doesNotContain("\u001b[2J");
    }

    @Test
    void garbageCountersAndAWrongTypeRankingAreProblemsNotCrashes() {
        long bucket = bucket();
        try (Jedis jedis = redis.connect()) {
            jedis.set(SCHEMA.globalRate(bucket), "lots");
            jedis.set(SCHEMA.symbolRanking(bucket), "not a zset");
        }
        Ctl.Run run = Ctl.run(redis.uri(), "top", "--window", "1h");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.out()).contains("UNREADABLE").contains("PROBLEMS").contains("WRONGTYPE");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void badFlagsExitTwo() {
        assertThat(Ctl.run(redis.uri(), "top", "--symbols", "0").exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(Ctl.run(redis.uri(), "top", "--window", "0").exitCode()).isEqualTo(Main.EXIT_USAGE);
    }
}
