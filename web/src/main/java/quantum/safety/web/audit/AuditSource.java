package quantum.safety.web.audit;

import java.util.List;
import java.util.Optional;

/**
 * Where the audit page reads archived events: the audit archive's PostgreSQL table, by the archive's read API.
 */
public interface AuditSource {

    /**
     * The newest entries of {@code stream} ({@code fault} or {@code audit}) with a time in
     * {@code [sinceMillis, untilMillis)} and, when {@code before} is given, a stream id below it; newest first (by
     * stream id), at most {@code limit}.
     *
     * @throws Unavailable when the archive cannot answer; never an empty list in its place
     */
    List<AuditEntry> newest(String stream, long sinceMillis, long untilMillis, Optional<AuditCursor> before,
                            int limit);

    /** The archive's current time in Unix milliseconds, which "24h ago" counts from. */
    default long nowMillis() {
        return System.currentTimeMillis();
    }

    /** The archive could not answer; the message says why, without secrets. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
