package quantum.safety.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

@ExtendWith(RedisExtension.class)
class DecideEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAllowedIntentIsAnsweredWithTheJsonOfKernelDecideAndCountedInTheLegacyKeys(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port());
             Jedis jedis = redis.connect()) {
            HttpResponse<String> response = service.post("/v1/decide",
                    "{\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"correlation_id\":\"ord-1\",\"trace_id\":\"t-1\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            JsonNode answer = JSON.readTree(response.body());
            assertThat(fieldNames(answer)).containsExactly("allowed", "reason", "meta");
            assertThat(answer.get("allowed").booleanValue()).isTrue();
            assertThat(answer.get("reason").textValue()).isEqualTo("OK");
            JsonNode meta = answer.get("meta");
            assertThat(meta.get("symbol").textValue()).isEqualTo("BTCUSDT");
            assertThat(meta.get("side").textValue()).isEqualTo("BUY");
            assertThat(meta.get("correlation_id").textValue()).isEqualTo("ord-1");
            assertThat(meta.get("global_count").intValue()).isEqualTo(1);
            long bucket = meta.get("bucket").longValue();
            assertThat(jedis.get("quantum:safety:rate:global:" + bucket)).isEqualTo("1");
            assertThat(jedis.get("quantum:safety:rate:symbol:BTCUSDT:" + bucket)).isEqualTo("1");
        }
    }

    @Test
    void aTripSwitchesSafeModeOnWritesTheFaultAndBlocksWhatFollows(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> k.symbolMax(2), s -> { });
             Jedis jedis = redis.connect()) {
            String intent = "{\"symbol\":\"ETHUSDT\",\"side\":\"SELL\",\"correlation_id\":\"c-3\"}";
            assertThat(reason(service.post("/v1/decide", intent))).isEqualTo("OK");
            assertThat(reason(service.post("/v1/decide", intent))).isEqualTo("OK");
            JsonNode trip = JSON.readTree(service.post("/v1/decide", intent).body());

            assertThat(trip.get("reason").textValue()).isEqualTo("SYMBOL_RATE_EXCEEDED");
            assertThat(trip.get("allowed").booleanValue()).isFalse();
            assertThat(trip.get("meta").get("tripped").booleanValue()).isTrue();
            assertThat(jedis.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(jedis.ttl("quantum:safety:safe_mode")).isBetween(1L, 300L);
            List<StreamEntry> faults = jedis.xrange("quantum:stream:safety.fault", (StreamEntryID) null, null);
            assertThat(faults).hasSize(1);
            Map<String, String> fault = faults.get(0).getFields();
            assertThat(fault).containsEntry("reason", "SYMBOL_RATE_EXCEEDED").containsEntry("symbol", "ETHUSDT")
                    .containsEntry("side", "SELL").containsEntry("correlation_id", "c-3")
                    .containsEntry("symbol_count", "3").containsEntry("symbol_max", "2");

            assertThat(reason(service.post("/v1/decide", "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}")))
                    .isEqualTo("SAFE_MODE_ENABLED");
        }
    }

    @Test
    void theKillSwitchBlocksEvenReduceOnlyIntents(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port());
             Jedis jedis = redis.connect()) {
            jedis.set("quantum:kill", "1");
            JsonNode answer = JSON.readTree(service.post("/v1/decide",
                    "{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"reduce_only\":true}").body());
            assertThat(answer.get("reason").textValue()).isEqualTo("KILL_SWITCH_ENGAGED");
            assertThat(answer.get("allowed").booleanValue()).isFalse();
        }
    }

    @Test
    void aBatchIsDecidedInOrderEachIntentOnItsOwn(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> k.symbolMax(1), s -> { })) {
            HttpResponse<String> response = service.post("/v1/decide/batch", "{\"intents\":["
                    + "{\"symbol\":\"A\",\"side\":\"BUY\"},"
                    + "{\"symbol\":\"B\",\"side\":\"SELL\",\"reduce_only\":true,\"trace_id\":\"t\"},"
                    + "{\"symbol\":\"B\",\"side\":\"BUY\"},"
                    + "{\"symbol\":\"C\",\"side\":\"BUY\"}]}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode decisions = JSON.readTree(response.body()).get("decisions");
            assertThat(decisions).hasSize(4);
            assertThat(decisions.get(0).get("meta").get("symbol").textValue()).isEqualTo("A");
            assertThat(decisions.get(1).get("meta").get("trace_id").textValue()).isEqualTo("t");
            assertThat(decisions.get(1).get("meta").get("global_count").intValue()).isEqualTo(2);
            assertThat(decisions.get(2).get("reason").textValue()).isEqualTo("SYMBOL_RATE_EXCEEDED");
            assertThat(decisions.get(3).get("reason").textValue()).isEqualTo("SAFE_MODE_ENABLED");
        }
    }

    @Test
    void oneConnectionCarriesManyDecisions(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port());
             Socket socket = new Socket("127.0.0.1", service.service().port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String body = "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}";
            for (int i = 1; i <= 3; i++) {
                out.write(("POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = RawHttp.readResponse(in);
                assertThat(answer).startsWith("HTTP/1.1 200").contains("\"global_count\":" + i);
            }
        }
    }

    @Test
    void theLandingPageAndProbesAnswer(TestRedis redis) {
        try (RunningService service = RunningService.start(redis.host(), redis.port())) {
            assertThat(service.get("/").body()).contains("POST /v1/decide");
            assertThat(service.get("/-/healthy").statusCode()).isEqualTo(200);
            assertThat(service.get("/-/ready").statusCode()).isEqualTo(200);
            assertThat(service.get("/nowhere").statusCode()).isEqualTo(404);
            HttpResponse<String> wrongMethod = service.get("/v1/decide");
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(wrongMethod.headers().firstValue("allow")).hasValue("POST");
        }
    }

    private static String reason(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("reason").textValue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
