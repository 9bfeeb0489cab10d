package quantum.safety.archive;

import java.util.Optional;

/**
 * Whether a read of new entries comes after a gap: entries trimmed from the stream before the group read them, lost
 * to the archive.
 *
 * <p>Redis 7 counts them exactly: the entries removed from the head of the stream number {@code entries-added −
 * length}, the group has read {@code entries-read} of all entries, and when the stream's first entry is newer than
 * the group's last delivered id, every removed entry the group did not read is lost: {@code entries-added − length −
 * entries-read}. Redis 6.2 keeps no such counts: a first entry newer than the last archived id is a possible gap, of
 * unknown size.
 *
 * @param afterId  the last id archived (or delivered) before the gap
 * @param beforeId the first id still there after it
 * @param events   entries known lost; 0 when unknown
 * @param exact    whether {@code events} is an exact count
 */
record GapCheck(StreamId afterId, StreamId beforeId, long events, boolean exact) {

    /**
     * The gap before this read, if any.
     *
     * @param archivedFloor the newest id archived when the group was (re)created, ZERO when the archive was empty:
     *                      on Redis 6.2, what came before it is not a gap
     */
    static Optional<GapCheck> of(StreamSnapshot snapshot, StreamId archivedFloor) {
        if (snapshot.firstEntry().isEmpty()) {
            return Optional.empty();
        }
        StreamId first = snapshot.firstEntry().get();
        StreamId delivered = snapshot.lastDelivered();
        if (!first.isAfter(delivered)) {
            return Optional.empty();
        }
        if (snapshot.countsEntries() && snapshot.entriesRead().isPresent()) {
            long removed = snapshot.entriesAdded().getAsLong() - snapshot.length();
            long lost = removed - snapshot.entriesRead().getAsLong();
            return lost > 0 ? Optional.of(new GapCheck(delivered, first, lost, true)) : Optional.empty();
        }
        StreamId known = delivered.isAfter(archivedFloor) ? delivered : archivedFloor;
        if (known.equals(StreamId.ZERO) || !first.isAfter(known)) {
            return Optional.empty();
        }
        return Optional.of(new GapCheck(known, first, 0, false));
    }
}
