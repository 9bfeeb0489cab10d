package quantum.safety.cli.ctl;

import java.util.List;
import java.util.Map;

import quantum.safety.kernel.FaultEvent;

/**
 * Where {@code ctl faults} reads what the Redis stream no longer holds: the audit archive's copy of the stream, keyed
 * by the same stream ids.
 */
interface FaultArchive {

    /**
     * The newest archived faults in {@code [sinceMillis, untilMillis)} whose fields equal every filter ({@code symbol},
     * {@code reason}), at most {@code limit}, in any order.
     *
     * @throws Unavailable when the archive cannot answer (down, refused the login, no table): never an empty answer
     */
    List<FaultEvent> newest(long sinceMillis, long untilMillis, Map<String, String> filters, int limit);

    /** Where the archive is, for messages: host, port and database, never a password. */
    String describe();

    /** The archive could not answer; the message names where and why, without secrets. */
    final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
