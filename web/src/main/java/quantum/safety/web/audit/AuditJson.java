package quantum.safety.web.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.kernel.Text;

/**
 * {@code /audit?format=json}: the page's events and range as one JSON object, with the query of the older page.
 * Besides what JSON requires, control and bidirectional characters ({@link Text#forbidden}, as {@code ctl} writes
 * them) and U+2028/U+2029 (line breaks to JavaScript) are written as {@code \\uXXXX}: the values are the same once
 * parsed, but a raw view ({@code curl}, {@code jq -r} aside) cannot be reordered or driven by them.
 */
final class AuditJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setCharacterEscapes(new Visible());
    }

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

    /** Whether the audit page shows {@code c} as an escape rather than raw, in HTML and JSON alike. */
    static boolean escaped(int c) {
        return Text.forbidden(c) || c == 0x2028 || c == 0x2029;
    }

    private static final class Visible extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        Visible() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return escaped(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of plain maps and strings cannot fail", e);
        }
    }
}
