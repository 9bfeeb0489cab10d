package quantum.safety.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.FailPolicy;
import quantum.safety.process.LocalRedis;

/** Without Redis the service answers with the kernel's fail policy, says it is not ready, and counts what it did. */
class RedisDownTest {

    private static final String INTENT = "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}";

    @Test
    void decisionsFailClosedAndTheServiceSaysItIsNotReady() throws IOException {
        int nothingListens = LocalRedis.freePort();
        try (RunningService service = RunningService.start("127.0.0.1", nothingListens)) {
            HttpResponse<String> answer = service.post("/v1/decide", INTENT);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"allowed\":false", "\"reason\":\"FAIL_CLOSED_ERROR\"");

            HttpResponse<String> ready = service.get("/-/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).startsWith("not ready: Redis does not answer");
            String metrics = service.get("/metrics").body();
            assertThat(metrics).contains("quantum_safety_service_ready 0.0")
                    .contains("quantum_safety_service_kernel_failures_total{kind=\"fail_closed\"} 1.0")
                    .contains("quantum_safety_service_decision_duration_seconds_count{reason=\"FAIL_CLOSED_ERROR\"} 1");
        }
    }

    @Test
    void theOpenPolicyAllowsWithinItsCapAndCountsIt() throws IOException {
        int nothingListens = LocalRedis.freePort();
        try (RunningService service = RunningService.start("127.0.0.1", nothingListens,
                k -> k.failPolicy(FailPolicy.OPEN).failOpenGlobalMax(1), s -> { })) {
            assertThat(service.post("/v1/decide", INTENT).body()).contains("\"allowed\":true",
                    "\"reason\":\"FAIL_OPEN_ERROR\"");
            assertThat(service.post("/v1/decide", INTENT).body()).contains("\"allowed\":false",
                    "\"reason\":\"FAIL_CLOSED_ERROR\"", "\"fail_open_capped\":true");
            assertThat(service.get("/metrics").body())
                    .contains("quantum_safety_service_kernel_failures_total{kind=\"fail_open\"} 1.0")
                    .contains("quantum_safety_service_kernel_failures_total{kind=\"fail_open_capped\"} 1.0");
        }
    }

    @Test
    void theServiceBecomesReadyWhenRedisComesBack() throws IOException {
        try (LocalRedis redis = LocalRedis.start();
             RunningService service = RunningService.start(redis.host(), redis.port())) {
            assertThat(service.get("/-/ready").statusCode()).isEqualTo(200);
            redis.stop();
            await().until(() -> service.get("/-/ready").statusCode() == 503);
            assertThat(service.post("/v1/decide", INTENT).body()).contains("FAIL_CLOSED_ERROR");
            redis.restart();
            await().until(() -> service.get("/-/ready").statusCode() == 200);
            assertThat(service.post("/v1/decide", INTENT).body()).contains("\"reason\":\"OK\"");
        }
    }
}
