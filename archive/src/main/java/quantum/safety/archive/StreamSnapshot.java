package quantum.safety.archive;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One read of new entries from a stream, with the stream's and the group's state just before it, taken atomically
 * (MULTI/EXEC): what the gap check needs to count exactly what was trimmed before the group read it.
 *
 * @param entries       what the read delivered
 * @param firstEntry    the stream's oldest entry before the read, empty when the stream was empty
 * @param length        entries in the stream before the read
 * @param entriesAdded  entries ever added to the stream (Redis 7 and later; empty on 6.2)
 * @param entriesRead   entries the group has read (Redis 7; empty on 6.2, or when Redis cannot tell)
 * @param lastDelivered the group's last delivered id before the read
 * @param lag           entries not yet delivered to the group, as Redis 7 counts them (empty when it cannot)
 * @param pending       entries delivered to the group and not acknowledged
 */
record StreamSnapshot(List<StreamEntryRead> entries, Optional<StreamId> firstEntry, long length,
                      OptionalLong entriesAdded, OptionalLong entriesRead, StreamId lastDelivered, OptionalLong lag,
                      long pending) {

    /** Whether Redis counts the stream's entries (7.0 and later): gaps are then exact. */
    boolean countsEntries() {
        return entriesAdded.isPresent();
    }
}
