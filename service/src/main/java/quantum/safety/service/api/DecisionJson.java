package quantum.safety.service.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.kernel.Decision;

/**
 * A decision as JSON: {@code {"allowed":…,"reason":"…","meta":{…}}}, the legacy {@code (allowed, reason, meta)}
 * triple. The one writer of that shape: {@code kernel decide} prints it, the service answers it.
 */
public final class DecisionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionJson() {
    }

    public static byte[] bytes(Decision decision) {
        return write(shape(decision));
    }

    public static String text(Decision decision) {
        try {
            return JSON.writeValueAsString(shape(decision));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision's meta holds only strings, numbers and booleans", e);
        }
    }

    /** {@code {"decisions":[…]}} in the order given. */
    public static byte[] batch(List<Decision> decisions) {
        return write(Map.of("decisions", decisions.stream().map(DecisionJson::shape).toList()));
    }

    /** Any small JSON answer of the service (errors, operations). */
    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer as JSON", e);
        }
    }

    private static Map<String, Object> shape(Decision decision) {
        Map<String, Object> json = new LinkedHashMap<>(4);
        json.put("allowed", decision.allowed());
        json.put("reason", decision.reason().name());
        json.put("meta", decision.meta());
        return json;
    }
}
