package quantum.safety.web.audit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quantum.safety.kernel.Text;

/**
 * What {@code /audit?since=24h&until=…&stream=audit|fault&limit=100&format=json&before=…} asks for ({@code before}, a
 * stream id, is set by the Older events link). Every parameter is optional; one that is malformed, unknown or given
 * twice is an {@link IllegalArgumentException} whose message names it and the fix (the
 * page answers 400 with it).
 */
record AuditRequest(String stream, TimeBound since, Optional<TimeBound> until, Optional<AuditCursor> before, int limit,
                    boolean json) {

    static final String DEFAULT_SINCE = "24h";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** Every parameter the page takes; any other (a typo such as sinse=7d) is refused rather than ignored. */
    static final List<String> PARAMETERS = List.of("stream", "since", "until", "limit", "format", "before");

    static AuditRequest parse(URI uri) {
        Map<String, String> query = query(uri.getRawQuery());
        String stream = query.getOrDefault("stream", "audit");
        if (!stream.equals("audit") && !stream.equals("fault")) {
            throw new IllegalArgumentException("stream=" + stream + " is not audit or fault; use e.g. stream=fault");
        }
        TimeBound since = bound("since", query.getOrDefault("since", DEFAULT_SINCE));
        Optional<TimeBound> until = Optional.ofNullable(query.get("until")).filter(v -> !v.isBlank())
                .map(v -> bound("until", v));
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", String.valueOf(DEFAULT_LIMIT)).trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be a number from 1 to " + MAX_LIMIT + ", e.g. limit=100");
        }
        String format = query.getOrDefault("format", "html");
        if (!format.equals("html") && !format.equals("json")) {
            throw new IllegalArgumentException("format=" + format + " is not html or json; use e.g. format=json");
        }
        Optional<AuditCursor> before = Optional.ofNullable(query.get("before")).map(AuditCursor::parse);
        return new AuditRequest(stream, since, until, before, limit, format.equals("json"));
    }

    private static TimeBound bound(String name, String value) {
        try {
            return TimeBound.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + Text.quote(name).replace("'", "")
                        + "'; the page takes " + String.join(", ", PARAMETERS) + ", e.g. ?since=7d&stream=fault");
            }
            if (values.putIfAbsent(name, decode(eq < 0 ? "" : pair.substring(eq + 1))) != null) {
                throw new IllegalArgumentException(name + " is given more than once; give each parameter once, "
                        + "e.g. ?since=7d");
            }
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query is not URL-encoded correctly; use e.g. ?since=24h", e);
        }
    }
}
