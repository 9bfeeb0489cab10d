package quantum.safety.service.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Text;

/**
 * Request bodies to {@link Intent}s: {@code {"symbol":…,"side":…,"reduce_only":…,"correlation_id":…,"trace_id":…}}
 * or {@code {"intents":[…]}}. Every field is checked before anything is decided, so a bad batch decides nothing;
 * unknown fields are refused (a misspelt {@code reduceOnly} must not silently mean false).
 */
public final class IntentReader {

    private static final Set<String> FIELDS = Set.of("symbol", "side", "reduce_only", "correlation_id", "trace_id");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private final int maxBatch;

    public IntentReader(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    /** One intent from {@code POST /v1/decide}. */
    public Intent single(byte[] body) {
        return intent(object(parse(body), "the body"), "");
    }

    /** The intents of {@code POST /v1/decide/batch}, in order. */
    public List<Intent> batch(byte[] body) {
        JsonNode root = object(parse(body), "the body");
        unknownFields(root, Set.of("intents"), "");
        JsonNode intents = root.get("intents");
        if (intents == null || !intents.isArray()) {
            throw new BadRequest("the body needs \"intents\": an array of 1 to " + maxBatch + " intents");
        }
        if (intents.isEmpty() || intents.size() > maxBatch) {
            throw new BadRequest("\"intents\" has " + intents.size() + " intents; a batch takes 1 to " + maxBatch);
        }
        List<Intent> result = new ArrayList<>(intents.size());
        for (int i = 0; i < intents.size(); i++) {
            String where = "intents[" + i + "]";
            result.add(intent(object(intents.get(i), where), where + "."));
        }
        return result;
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new BadRequest("the body is empty; send a JSON object such as {\"symbol\":\"BTCUSDT\",\"side\":\"BUY\"}");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonParseException e) {
            throw new BadRequest("the body is not valid JSON: " + firstLine(e.getOriginalMessage()) + " at "
                    + e.getLocation().offsetDescription());
        } catch (IOException e) {
            throw new BadRequest("the body is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    static JsonNode object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new BadRequest(where + " is not a JSON object");
        }
        return node;
    }

    static void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                throw new BadRequest(prefix + Text.quote(name) + " is not a field here; known: " + known.stream().sorted().toList());
            }
        }
    }

    private static Intent intent(JsonNode node, String prefix) {
        unknownFields(node, FIELDS, prefix);
        String symbol = text(node, "symbol", prefix, true);
        String side = text(node, "side", prefix, true);
        JsonNode reduceOnly = node.get("reduce_only");
        if (reduceOnly != null && !reduceOnly.isNull() && !reduceOnly.isBoolean()) {
            throw new BadRequest(prefix + "reduce_only must be true or false");
        }
        try {
            return new Intent(symbol, side, reduceOnly != null && reduceOnly.asBoolean(),
                    text(node, "correlation_id", prefix, false), text(node, "trace_id", prefix, false));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(prefix + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, String prefix, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadRequest(prefix + field + " is missing");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new BadRequest(prefix + field + " must be a string");
        }
        return value.textValue();
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
