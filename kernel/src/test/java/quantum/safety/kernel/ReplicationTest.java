package quantum.safety.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * The decision script writes after {@code TIME}; Redis replicates its effects (the default since 5.0, without
 * {@code redis.replicate_commands()}), so a replica — the next primary after a Sentinel failover — holds the same
 * counters, flag and events. Checked on 6.2 and 7.x.
 */
class ReplicationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantum.safety.kernel.RedisServers#sources")
    void aReplicaReceivesTheScriptsEffects(LocalRedis.Source source) throws IOException {
        try (LocalRedis primary = LocalRedis.start(Optional.of(source));
             LocalRedis replica = LocalRedis.start(Optional.of(source), "--replicaof", primary.host(),
                     String.valueOf(primary.port()));
             KernelFixture f = new KernelFixture(primary);
             Jedis onReplica = replica.connect()) {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> onReplica.info("replication").contains("master_link_status:up"));
            SafetyKernel kernel = f.kernel(b -> b.globalMax(2));

            long bucket = kernel.decide(Intent.of("BTCUSDT", "BUY")).metaLong("bucket", -1);
            kernel.decide(Intent.of("BTCUSDT", "BUY"));
            assertThat(kernel.decide(Intent.of("BTCUSDT", "BUY")).tripped()).isTrue();

            await().atMost(Duration.ofSeconds(15)).until(() -> onReplica.xlen("quantum:stream:safety.audit") == 1);
            assertThat(onReplica.get("quantum:safety:rate:global:" + bucket)).isEqualTo("3");
            assertThat(onReplica.get("quantum:safety:rate:symbol:BTCUSDT:" + bucket)).isEqualTo("2");
            assertThat(onReplica.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(onReplica.xlen("quantum:stream:safety.fault")).isEqualTo(1);
            assertThat(onReplica.hgetAll("quantum:safety:safe_mode:info")).isEqualTo(f.raw.hgetAll("quantum:safety:safe_mode:info"));
        }
    }
}
