package quantum.safety.archive;

import java.util.Map;

/** A map of strings as a JSON object, for the {@code fields} jsonb column: no JSON library for one small shape. */
final class JsonObject {

    private JsonObject() {
    }

    static String of(Map<String, String> fields) {
        StringBuilder out = new StringBuilder(fields.size() * 32).append('{');
        boolean first = true;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, field.getKey());
            out.append(':');
            string(out, field.getValue());
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
