package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.exporter.Http;
import quantum.safety.exporter.MetricsText;
import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/**
 * The status page and the rate metrics follow the window and limits the live kernels published, not the exporter's
 * flags: the demo's kernel runs a 5 s window with 30/10 while the exporter's defaults are 10 s and 20/5.
 */
@ExtendWith(RedisExtension.class)
class StatusPageKernelsTest {

    private static final long NOW = TestExporters.NOW_MILLIS / 1000;

    @Test
    void thePageAndTheCurrentWindowMetricShowThePublishedWindowAndLimits(TestRedis redis) {
        long bucket = RedisSchema.bucket(NOW, 5);
        try (Jedis jedis = redis.connect()) {
            Seed.kernel(jedis, "demo", 5, 30, 10, NOW + 60);
            Seed.checkedIntents(jedis, bucket, "SOLUSDT", 11);
            Seed.checkedIntents(jedis, bucket - 1, "BTCUSDT", 4);
        }
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            String page = Http.get("http://127.0.0.1:" + server.port() + "/").body();
            MetricsText metrics = new MetricsText(Http.metrics(server).body());

            assertThat(page).contains("Current window (5 s, bucket " + bucket + ")")
                    .contains("11 / 30").contains("11 / 10")
                    .contains("Previous window (5 s, bucket " + (bucket - 1) + ")").contains("4 / 30")
                    .contains("limits of kernel demo").contains("<td>demo</td>")
                    .doesNotContain(" / 20").doesNotContain(" / 5<");
            assertThat(metrics.get("quantum_safety_rate_global_current_window")).isEqualTo(11);
            assertThat(metrics.get("quantum_safety_rate_symbol_top{rank=\"1\",symbol=\"SOLUSDT\"}")).isEqualTo(11);
        }
    }

    @Test
    void withoutPublishedSettingsThePageSaysTheLimitsAreTheExportersOwn(TestRedis redis) {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            String page = Http.get("http://127.0.0.1:" + server.port() + "/").body();

            assertThat(page).contains("Current window (10 s").contains("0 / 20")
                    .contains("no kernel has published its settings; limits from this tool&#39;s configuration");
        }
    }

    @Test
    void kernelsThatDisagreeAreNamedOnThePage(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            Seed.kernel(jedis, "router-a", 10, 20, 5, NOW + 60);
            Seed.kernel(jedis, "router-b", 5, 30, 10, NOW + 60);
        }
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            String page = Http.get("http://127.0.0.1:" + server.port() + "/").body();

            assertThat(page).contains("kernels disagree on their limits (router-a 10s 20/5, router-b 5s 30/10)")
                    .contains("<td>router-a</td>").contains("<td>router-b</td>");
        }
    }
}
