package quantum.safety.service.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import quantum.safety.service.api.DecisionJson;

/**
 * One response: status, content type, body and extra headers.
 *
 * @param close whether the connection is closed after it (the request body was not fully read, or the server stops)
 */
public record Answer(int status, String contentType, byte[] body, Map<String, String> headers, boolean close) {

    static final String JSON = "application/json";

    public Answer {
        headers = Map.copyOf(headers);
    }

    public static Answer json(int status, byte[] body) {
        return new Answer(status, JSON, body, Map.of(), false);
    }

    /** {@code {"error":"…"}} with one line for the caller. */
    public static Answer error(int status, String message) {
        return json(status, DecisionJson.write(Map.of("error", message)));
    }

    /** 503 without a decision: the caller may retry after a second. */
    public static Answer unavailable(String message) {
        return error(503, message).withHeader("Retry-After", "1");
    }

    public static Answer text(int status, String text) {
        return new Answer(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of(), false);
    }

    public Answer withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Answer(status, contentType, body, more, close);
    }

    public Answer closing() {
        return new Answer(status, contentType, body, headers, true);
    }
}
