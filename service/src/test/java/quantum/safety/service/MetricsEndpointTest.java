package quantum.safety.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;

@ExtendWith(RedisExtension.class)
class MetricsEndpointTest {

    @Test
    void metricsCountRequestsAndDecisionsByReason(TestRedis redis) {
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> k.symbolMax(1), s -> { })) {
            service.post("/v1/decide", "{\"symbol\":\"A\",\"side\":\"BUY\"}");
            service.post("/v1/decide", "{\"symbol\":\"A\",\"side\":\"BUY\"}");
            service.post("/v1/decide/batch", "{\"intents\":[{\"symbol\":\"B\",\"side\":\"BUY\"}]}");
            service.get("/-/healthy");

            HttpResponse<String> response = service.get("/metrics");
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(response.body())
                    .contains("quantum_safety_service_requests_total{code=\"200\",handler=\"decide\"} 2.0")
                    .contains("quantum_safety_service_requests_total{code=\"200\",handler=\"decide_batch\"} 1.0")
                    .contains("quantum_safety_service_requests_total{code=\"200\",handler=\"healthy\"} 1.0")
                    .contains("quantum_safety_service_decision_duration_seconds_count{reason=\"OK\"} 1")
                    .contains("quantum_safety_service_decision_duration_seconds_count{reason=\"SYMBOL_RATE_EXCEEDED\"} 1")
                    .contains("quantum_safety_service_decision_duration_seconds_count{reason=\"SAFE_MODE_ENABLED\"} 1")
                    .contains("quantum_safety_service_rejected_total{cause=\"queue_full\"} 0.0")
                    .contains("quantum_safety_service_queue_capacity 256.0")
                    .contains("quantum_safety_service_ready 1.0")
                    .contains("quantum_safety_service_build_info{revision=\"abc1234\",version=\"0.1.0-test\"} 1")
                    .contains("quantum_safety_service_kernel_failures_total{kind=\"fail_open\"} 0.0");
        }
    }

    @Test
    void openMetricsIsServedWhenAsked(TestRedis redis) {
        try (RunningService service = RunningService.start(redis.host(), redis.port())) {
            HttpResponse<String> response = RunningService.send(HttpRequest.newBuilder(URI.create(service.url("/metrics")))
                    .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8"));
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(response.body()).endsWith("# EOF\n");
        }
    }
}
