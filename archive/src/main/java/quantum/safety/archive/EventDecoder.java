package quantum.safety.archive;

import java.util.Map;

import quantum.safety.kernel.AuditEvent;
import quantum.safety.kernel.FaultEvent;

/**
 * Reads a stream entry as the kernel's event ({@link FaultEvent} for the fault stream, an {@link AuditEvent} for the
 * audit stream) into the archive's columns. An entry that is not one (a fault without a reason, an audit entry whose
 * event is unknown or whose actor is missing) is still archived, raw and marked invalid: the archive loses nothing.
 * PostgreSQL cannot store NUL in text, so a NUL character in a field becomes U+FFFD and the entry is marked invalid.
 */
final class EventDecoder {

    private EventDecoder() {
    }

    static ArchivedEvent decode(ArchiveStream stream, String id, Map<String, String> rawFields) {
        StreamId streamId = StreamId.parse(id);
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        boolean clean = true;
        for (Map.Entry<String, String> field : rawFields.entrySet()) {
            String name = withoutNul(field.getKey());
            String value = withoutNul(field.getValue() == null ? "" : field.getValue());
            clean &= name.equals(field.getKey()) && value.equals(field.getValue());
            fields.put(name, value);
        }
        return stream == ArchiveStream.FAULT ? fault(streamId, fields, clean) : audit(streamId, fields, clean);
    }

    private static ArchivedEvent fault(StreamId id, Map<String, String> fields, boolean clean) {
        FaultEvent fault = FaultEvent.fromStreamEntry(id.toString(), fields);
        if (!clean || fault.reason().isBlank()) {
            return invalid(ArchiveStream.FAULT, id, fields);
        }
        String kernel = fault.field("kernel_id");
        return new ArchivedEvent(ArchiveStream.FAULT, id, "FAULT", fault.reason(), emptyAsNull(fault.symbol()),
                kernel.isEmpty() ? null : "kernel:" + kernel, true, fields);
    }

    private static ArchivedEvent audit(StreamId id, Map<String, String> fields, boolean clean) {
        String event = fields.getOrDefault("event", "");
        String actor = fields.getOrDefault("actor", "");
        if (!clean || !isAuditEvent(event) || actor.isBlank()) {
            return invalid(ArchiveStream.AUDIT, id, fields);
        }
        return new ArchivedEvent(ArchiveStream.AUDIT, id, event, emptyAsNull(fields.get("reason")),
                emptyAsNull(fields.get("symbol")), actor, true, fields);
    }

    private static ArchivedEvent invalid(ArchiveStream stream, StreamId id, Map<String, String> fields) {
        return new ArchivedEvent(stream, id, null, null, null, null, false, fields);
    }

    private static boolean isAuditEvent(String event) {
        for (AuditEvent known : AuditEvent.values()) {
            if (known.name().equals(event)) {
                return true;
            }
        }
        return false;
    }

    private static String emptyAsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String withoutNul(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
