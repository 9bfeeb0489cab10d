package quantum.safety.archive;

import java.util.Map;

/**
 * An entry as a group read delivered it: its id and fields, or no fields when it was in the group's pending list but
 * has since been trimmed from the stream (its content is lost).
 */
record StreamEntryRead(StreamId id, Map<String, String> fields) {

    boolean deleted() {
        return fields == null;
    }
}
