package quantum.safety.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;

/** client_java negotiates the format and compression; the exporter only has to let it. */
@ExtendWith(RedisExtension.class)
class ExpositionFormatsTest {

    private static HttpResponse<byte[]> get(ExporterServer server, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .header(header, value).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void openMetricsWhenPrometheusAsksForIt(TestRedis redis) throws Exception {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            HttpResponse<byte[]> response = get(server, "Accept", "application/openmetrics-text; version=1.0.0");
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(body).contains("# TYPE quantum_safety_exporter_build info")
                    .contains("quantum_safety_exporter_build_info{")
                    .contains("quantum_safety_faults_total ")
                    .doesNotContain("_info_info")
                    .endsWith("# EOF\n");
        }
    }

    @Test
    void theClassicTextFormatShowsBuildInfoAsAGaugeNamedOnceInfo(TestRedis redis) throws Exception {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            String body = Http.metrics(server).body();
            assertThat(body).contains("# TYPE quantum_safety_exporter_build_info gauge")
                    .contains("quantum_safety_exporter_build_info{deployment=\"test\",git=\"abc1234\",version=\"0.1.0-test\"} 1")
                    .doesNotContain("_info_info");
        }
    }

    @Test
    void protobufWhenAskedForIt(TestRedis redis) throws Exception {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            HttpResponse<byte[]> response = get(server, "Accept",
                    "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).contains("application/vnd.google.protobuf"));
            assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).contains("quantum_safety_redis_up");
        }
    }

    @Test
    void gzipWhenTheClientAcceptsIt(TestRedis redis) throws Exception {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            HttpResponse<byte[]> response = get(server, "Accept-Encoding", "gzip");
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("quantum_safety_redis_up 1.0");
            }
        }
    }
}
