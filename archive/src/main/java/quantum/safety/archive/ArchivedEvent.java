package quantum.safety.archive;

import java.time.Instant;
import java.util.Map;

/**
 * One stream entry as the archive keeps it: where it came from (stream and id, exactly), when (the id's time), the
 * columns readers filter on, and every field as written. An entry that does not decode as its stream's event has
 * {@code valid} false and null columns, and is kept all the same.
 *
 * @param kind   the audit event (TRIP, SAFE_MODE_ON, …) or FAULT for the fault stream
 * @param actor  who did it: the audit event's actor, or {@code kernel:<id>} for a fault
 */
public record ArchivedEvent(ArchiveStream stream, StreamId id, String kind, String reason, String symbol,
                            String actor, boolean valid, Map<String, String> fields) {

    public ArchivedEvent {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** The entry's time: the milliseconds of its id, on the Redis server's clock. */
    public Instant time() {
        return id.time();
    }
}
