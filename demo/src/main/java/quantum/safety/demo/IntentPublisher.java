package quantum.safety.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * Publishes allowed intents to {@code stream:trade.intent} the way the legacy router does: {@code XADD … MAXLEN ~
 * 10000}, one field {@code data} holding JSON. This is what the exporter's trade-intent families count.
 */
final class IntentPublisher {

    static final int MAXLEN = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnifiedJedis redis;
    private final String stream;

    IntentPublisher(UnifiedJedis redis, RedisSchema schema) {
        this.redis = redis;
        this.stream = schema.tradeIntentStream();
    }

    void publish(Intent intent, Decision decision, double quantity) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("symbol", intent.symbol());
        data.put("side", intent.side());
        data.put("qty", quantity);
        data.put("reduce_only", intent.reduceOnly());
        data.put("correlation_id", intent.correlationId());
        data.put("trace_id", intent.traceId());
        data.put("safety_reason", decision.reason().name());
        data.put("source", "quantum-safety-demo");
        try {
            redis.xadd(stream, XAddParams.xAddParams().maxLen(MAXLEN).approximateTrimming(),
                    Map.of("data", JSON.writeValueAsString(data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an intent of plain strings and numbers did not serialise", e);
        }
    }
}
