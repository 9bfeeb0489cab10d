package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.testkit.LocalRedisCluster;
import redis.clients.jedis.UnifiedJedis;

/**
 * The exporter reading a real three-master, three-replica Redis Cluster through its {@code redis+cluster://} address,
 * with the hash-tagged prefix the kernel needs there: every collector's reads go to the one slot of {@code {quantum}},
 * and the state a real kernel wrote (a trip: SAFE MODE, one fault event, counters) comes out as on a single Redis.
 */
class RedisClusterExporterTest {

    private static final RedisSchema SCHEMA = RedisSchema.withPrefix("{quantum}:");

    @Test
    void theExporterReportsAKernelTripWrittenToAClusterWithAHashTaggedPrefix() throws Exception {
        try (LocalRedisCluster cluster = LocalRedisCluster.start()) {
            RedisConnector connector = RedisConnector.to(RedisEndpoint.parse(cluster.address()),
                    RedisCredentials.none());
            try (UnifiedJedis client = connector.forDecisions(KernelConfig.DEFAULT_DECISION_TIMEOUT).open()) {
                SafetyKernel kernel = SafetyKernel.create(KernelConfig.builder().kernelId("test-kernel")
                        .windowSeconds(3600).globalMax(5).symbolMax(100).build(), client, SCHEMA);
                for (String symbol : List.of("BTCUSDT", "BTCUSDT", "BTCUSDT", "ETHUSDT", "ETHUSDT")) {
                    assertThat(kernel.decide(Intent.of(symbol, "BUY")).reason()).isEqualTo(Reason.OK);
                }
                assertThat(kernel.decide(Intent.of("SOLUSDT", "SELL")).reason()).isEqualTo(Reason.GLOBAL_RATE_EXCEEDED);
                assertThat(kernel.decide(Intent.of("SOLUSDT", "SELL")).reason()).isEqualTo(Reason.SAFE_MODE_ENABLED);
                await().atMost(Duration.ofSeconds(20)).until(() -> client.hexists(SCHEMA.kernelSettings(), "test-kernel"));
            }

            // The exporter follows the local clock on a cluster (TIME has no key to route by); both run on this host.
            try (ExporterServer server = ExporterServer.start(ExporterConfig.builder(connector).schema(SCHEMA)
                    .windowSeconds(3600).listenAddresses(List.of("127.0.0.1:0")).runtimeMetrics(false).build())) {
                MetricsText metrics = Http.metrics(server);

                assertThat(metrics.get("quantum_safety_redis_up")).isEqualTo(1);
                assertThat(metrics.family("quantum_safety_collector_success")).as(metrics.body()).hasSize(7)
                        .allSatisfy((series, value) -> assertThat(value).as(series).isEqualTo(1));
                assertThat(metrics.get("quantum_safety_safe_mode")).isEqualTo(1);
                assertThat(metrics.get("quantum_safety_safe_mode_latched")).isZero();
                assertThat(metrics.get("quantum_safety_safe_mode_ttl_seconds"))
                        .isBetween(1.0, (double) KernelConfig.DEFAULT_COOLDOWN_SEC);
                assertThat(metrics.get("quantum_safety_fault_stream_length")).isEqualTo(1);
                assertThat(metrics.get("quantum_safety_faults_total")).isEqualTo(1);
                assertThat(metrics.get("quantum_safety_faults_last_1h")).isEqualTo(1);
                assertThat(metrics.get("quantum_safety_last_fault_info{reason=\"GLOBAL_RATE_EXCEEDED\",side=\"SELL\","
                        + "symbol=\"SOLUSDT\"}")).isEqualTo(1);
                assertThat(metrics.get("quantum_safety_rate_global_current_window")).isEqualTo(6);
                assertThat(metrics.family("quantum_safety_rate_symbol_top")).containsExactly(
                        java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"BTCUSDT\"}", 3.0),
                        java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"ETHUSDT\"}", 2.0));
                assertThat(metrics.get("quantum_safety_decisions_total{reason=\"OK\"}")).isEqualTo(5);
                assertThat(metrics.get("quantum_safety_decisions_total{reason=\"GLOBAL_RATE_EXCEEDED\"}")).isEqualTo(1);
                assertThat(metrics.get("quantum_safety_decisions_total{reason=\"SAFE_MODE_ENABLED\"}")).isEqualTo(1);
                assertThat(metrics.get("quantum_safety_kill_switch_engaged")).isZero();
                assertThat(metrics.get("quantum_safety_exporter_errors_total")).isZero();
                assertThat(metrics.get("quantum_safety_kernel_window_seconds{kernel_id=\"test-kernel\"}")).isEqualTo(3600);
                assertThat(metrics.get("quantum_safety_kernel_global_max{kernel_id=\"test-kernel\"}")).isEqualTo(5);

                // The status page reads the same state; it used to send PING, TIME and INFO on a cluster pipeline,
                // which refuses keyless commands, and showed "Redis unreachable".
                String page = Http.get("http://127.0.0.1:" + server.port() + "/").body();
                assertThat(page).doesNotContain("redis-down").contains("id=\"safe-mode\">SAFE MODE ON");
                assertThat(Http.get("http://127.0.0.1:" + server.port() + "/-/ready").statusCode()).isEqualTo(200);

                // The same window as the old kernel leaves it, without a ranking: the legacy counters are found on the
                // hash tag's node, as the scan found them, and read through the exporter's index.
                try (UnifiedJedis client = connector.open()) {
                    client.keys(SCHEMA.prefix() + "safety:rate:top:*").forEach(client::del);
                }
                for (int scrape = 0; scrape < 2; scrape++) {
                    MetricsText legacy = Http.metrics(server);
                    assertThat(legacy.family("quantum_safety_rate_symbol_top")).containsExactly(
                            java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"BTCUSDT\"}", 3.0),
                            java.util.Map.entry("quantum_safety_rate_symbol_top{rank=\"2\",symbol=\"ETHUSDT\"}", 2.0));
                    assertThat(legacy.get("quantum_safety_rate_symbol_scan_truncated")).isZero();
                    assertThat(legacy.get("quantum_safety_rate_symbol_index_age_seconds")).isNotNegative();
                    assertThat(legacy.get("quantum_safety_collector_success{collector=\"rate\"}")).isEqualTo(1);
                }
            }
        }
    }
}
