package quantum.safety.web.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One archived stream entry as the audit page shows it: its stream ({@code fault} or {@code audit}), its Redis stream
 * id, the time the id says, and every field as written (nothing here is trusted: it is escaped where it is shown).
 */
public record AuditEntry(String stream, String id, Instant time, Map<String, String> fields) {

    public AuditEntry {
        fields = Map.copyOf(fields);
    }

    /** The field, or "" when absent. */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }
}
