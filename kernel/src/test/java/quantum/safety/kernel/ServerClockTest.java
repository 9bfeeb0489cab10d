package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RequiresTools;
import redis.clients.jedis.Jedis;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import redis.clients.jedis.UnifiedJedis;

/**
 * Legacy bug: each process bucketed intents by its own wall clock, so clock skew between hosts shifted buckets.
 * Here the Redis server runs 1000 days in the past (libfaketime) while this JVM keeps the real time: buckets and
 * event timestamps must follow the server.
 */
@RequiresTools({"faketime"})
class ServerClockTest {

    /** The embedded Redis 6.2 binary; Debian's redis-server (jemalloc) does not run under libfaketime. */
    private static final String EMBEDDED_BINARY = "redis-server-6.2.6-v5-linux-amd64";
    private static final long SKEW_SECONDS = 1000L * 86_400;

    @Test
    void legacyBugOwnWallClockBucketAndTimestampsComeFromTheRedisServerClock(@TempDir Path dir) throws Exception {
        Path binary = extractEmbeddedRedis(dir);
        int port = LocalRedis.freePort();
        Path log = dir.resolve("redis.log");
        ChildProcess redis = ChildProcess.start("redis-server under faketime", new ProcessBuilder("faketime", "-f",
                "-1000d", binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()),
                ChildProcess.Output.of(log, 10));
        try (UnifiedJedis client = RedisConnector.to(RedisEndpoint.standalone("127.0.0.1", port), RedisCredentials.none())
                .forDecisions(KernelFixture.TEST_DECISION_TIMEOUT).open(); Jedis raw = new Jedis("127.0.0.1", port)) {
            redis.awaitReady("answer PING", Duration.ofSeconds(15), Duration.ofMillis(20),
                    () -> "PONG".equals(client.ping()));
            long serverBefore = Long.parseLong(raw.time().get(0));
            long callerNow = System.currentTimeMillis() / 1000;
            assertThat(callerNow - serverBefore).isGreaterThan(SKEW_SECONDS - 3600);

            SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().globalMax(1).windowSeconds(3600)
                    .decisionTimeout(KernelFixture.TEST_DECISION_TIMEOUT).build(), client,
                    RedisSchema.legacy());
            Decision first = kernel.decide(Intent.of("BTCUSDT", "BUY"));
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            long serverAfter = Long.parseLong(raw.time().get(0));

            long bucket = first.metaLong("bucket", -1);
            assertThat(bucket).isBetween(serverBefore / 3600, serverAfter / 3600);
            assertThat(client.exists("quantum:safety:rate:global:" + bucket)).isTrue();
            assertThat(client.exists("quantum:safety:rate:global:" + callerNow / 3600)).isFalse();
            String faultTimestamp = client.xrange("quantum:stream:safety.fault", "-", "+").get(0).getFields().get("timestamp");
            assertThat(Long.parseLong(faultTimestamp)).isBetween(serverBefore, serverAfter);
        } finally {
            redis.kill();
        }
    }

    private static Path extractEmbeddedRedis(Path dir) throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")), "needs linux/amd64");
        Path target = dir.resolve("redis-server");
        try (InputStream in = ServerClockTest.class.getClassLoader().getResourceAsStream(EMBEDDED_BINARY)) {
            Assumptions.assumeTrue(in != null, "embedded Redis binary not on the test classpath");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(target.toFile().setExecutable(true)).isTrue();
        return target;
    }
}
