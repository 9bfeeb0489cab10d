package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.Main;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.KernelConfig;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.SafetyKernel;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code ctl status} and {@code ctl top} show the window and limits a live kernel published, not the ones ctl's own
 * flags and environment default to, and say where the limits come from.
 */
@ExtendWith(RedisExtension.class)
class StatusKernelLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRedis redis;

    StatusKernelLimitsTest(TestRedis redis) {
        this.redis = redis;
    }

    @Test
    void statusShowsTheLiveKernelsWindowAndLimitsInTextAndJson() throws Exception {
        KernelConfig demo = KernelConfig.builder().kernelId("demo").windowSeconds(3600).globalMax(30).symbolMax(10)
                .build();
        try (UnifiedJedis client = RedisConnector.to(RedisEndpoint.parse(redis.uri()), RedisCredentials.none())
                .forDecisions(demo.decisionTimeout()).open();
             SafetyKernel kernel = SafetyKernel.create(demo, client, RedisSchema.legacy());
             Jedis jedis = redis.connect()) {
            for (int i = 0; i < 3; i++) {
                kernel.decide(Intent.of("BTCUSDT", "BUY"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> jedis.exists("quantum:safety:kernels"));

            Ctl.Run text = Ctl.run(redis.uri(), "status");
            Ctl.Run json = Ctl.run(redis.uri(), "status", "--json");
            Ctl.Run top = Ctl.run(redis.uri(), "top");

            assertThat(text.exitCode()).as(text.err()).isEqualTo(Main.EXIT_OK);
            assertThat(text.out()).contains("3600s window, all symbols 3/30 · top: BTCUSDT 3/10")
                    .contains("Limits       limits of kernel demo").doesNotContain("/20");
            JsonNode status = JSON.readTree(json.out());
            assertThat(status.at("/limits/window_seconds").asInt()).isEqualTo(3600);
            assertThat(status.at("/limits/global_max").asInt()).isEqualTo(30);
            assertThat(status.at("/limits/symbol_max").asInt()).isEqualTo(10);
            assertThat(status.at("/limits/source").asText()).isEqualTo("kernels");
            assertThat(status.at("/current_window/global_count").asInt()).isEqualTo(3);
            assertThat(status.at("/current_window/global_max").asInt()).isEqualTo(30);
            assertThat(status.at("/kernels/0/kernel_id").asText()).isEqualTo("demo");
            assertThat(status.at("/kernels/0/fail_policy").asText()).isEqualTo("closed");
            assertThat(top.out()).contains("limits of kernel demo").contains("3/30").contains("3/10");
        }
    }

    @Test
    void withoutAPublishingKernelTheLimitsAreCtlsOwnAndSaidToBe() throws Exception {
        Ctl.Run text = Ctl.run(redis.uri(), "status");
        JsonNode json = JSON.readTree(Ctl.run(redis.uri(), "status", "--json").out());

        assertThat(text.out()).contains("all symbols 0/20")
                .contains("no kernel has published its settings; limits from this tool's configuration");
        assertThat(json.at("/limits/source").asText()).isEqualTo("configuration");
        assertThat(json.at("/kernels").size()).isZero();
    }
}
