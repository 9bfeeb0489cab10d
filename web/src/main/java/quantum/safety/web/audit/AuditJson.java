package quantum.safety.web.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code /audit?format=json}: the page's events and range as one JSON object, with the query of the older page. */
final class AuditJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditJson() {
    }

    static String page(AuditResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stream", result.request().stream());
        json.put("since", Instant.ofEpochMilli(result.sinceMillis()).toString());
        json.put("until", Instant.ofEpochMilli(result.untilMillis()).toString());
        json.put("limit", result.request().limit());
        json.put("events", result.entries().stream().map(AuditJson::entry).toList());
        json.put("older", result.olderQuery(true).map(q -> "audit?" + q).orElse(null));
        return write(json);
    }

    static String error(String message) {
        return write(Map.of("error", message));
    }

    private static Map<String, Object> entry(AuditEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stream", e.stream());
        json.put("id", e.id());
        json.put("time", e.time().toString());
        json.put("fields", new TreeMap<>(e.fields()));
        return json;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of plain maps and strings cannot fail", e);
        }
    }
}
