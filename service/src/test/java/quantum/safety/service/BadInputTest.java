package quantum.safety.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/** Bad input is answered 400 with one clear line, and nothing is decided or counted. */
@ExtendWith(RedisExtension.class)
class BadInputTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"symbol\":\"BTCUSDT\",\"side\":|the body is not valid JSON",
            "[1,2]|the body is not a JSON object",
            "|the body is empty",
            "{\"symbol\":\"BTCUSDT\",\"side\":\"HOLD\"}|side 'HOLD' is not BUY or SELL",
            "{\"side\":\"BUY\"}|symbol is missing",
            "{\"symbol\":42,\"side\":\"BUY\"}|symbol must be a string",
            "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"reduce_only\":\"yes\"}|reduce_only must be true or false",
            "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"reduceOnly\":true}|'reduceOnly' is not a field here",
            "{\"symbol\":\"BTC USDT\",\"side\":\"BUY\"}|contains white space",
            "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"symbol\":\"ETHUSDT\"}|Duplicate field 'symbol'"})
    void aBadDecideBodyIsRefusedWithItsReason(String body, String message, TestRedis redis) {
        try (RunningService service = RunningService.start(redis.host(), redis.port())) {
            HttpResponse<String> response = service.post("/v1/decide", body == null ? "" : body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).startsWith("{\"error\":\"").contains(message);
            assertNothingCounted(redis);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"intents\":[]}|a batch takes 1 to 3",
            "{\"intents\":[{},{},{},{}]}|\\\"intents\\\" has 4 intents; a batch takes 1 to 3",
            "{\"intent\":[]}|'intent' is not a field here",
            "{\"intents\":{}}|an array of 1 to 3 intents",
            "{\"intents\":[{\"symbol\":\"A\",\"side\":\"BUY\"},{\"symbol\":\"B\",\"side\":\"UP\"}]}|intents[1].side 'UP' is not BUY or SELL",
            "{\"intents\":[{\"symbol\":\"A\",\"side\":\"BUY\"},7]}|intents[1] is not a JSON object"})
    void aBadBatchDecidesNothing(String body, String message, TestRedis redis) {
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> { }, s -> s.maxBatch(3))) {
            HttpResponse<String> response = service.post("/v1/decide/batch", body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains(message);
            assertNothingCounted(redis);
        }
    }

    @Test
    void anOversizeBodyIsRefusedAndTheConnectionClosed(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> { },
                s -> s.maxBodyBytes(2048));
             Socket socket = new Socket("127.0.0.1", service.service().port())) {
            String body = "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"trace_id\":\"" + "x".repeat(4000) + "\"}";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = RawHttp.readResponse(in);

            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close")
                    .contains("larger than the limit of 2048 bytes");
            assertThat(in.read()).as("the connection is closed").isEqualTo(-1);
            assertNothingCounted(redis);
        }
    }

    @Test
    void aMalformedRequestLineIsRefused(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port());
             Socket socket = new Socket("127.0.0.1", service.service().port())) {
            socket.getOutputStream().write("POST /v1/decide HTTP/1.1\r\nContent-Length: nope\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.readResponse(socket.getInputStream())).startsWith("HTTP/1.1 400");
            assertNothingCounted(redis);
        }
    }

    @Test
    void refusalsAreCountedInTheServiceMetricsOnly(TestRedis redis) {
        try (RunningService service = RunningService.start(redis.host(), redis.port())) {
            service.post("/v1/decide", "{}");
            service.post("/v1/decide", "{}");
            assertThat(service.get("/metrics").body())
                    .contains("quantum_safety_service_requests_total{code=\"400\",handler=\"decide\"} 2.0");
            assertNothingCounted(redis);
        }
    }

    private static void assertNothingCounted(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            assertThat(jedis.keys("*rate*")).isEmpty();
            assertThat(jedis.keys("*decisions*")).isEmpty();
            assertThat(jedis.keys("*fault*")).isEmpty();
        }
    }
}
