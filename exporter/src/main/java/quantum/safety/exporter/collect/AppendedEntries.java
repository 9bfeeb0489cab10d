package quantum.safety.exporter.collect;

import java.util.Optional;

import redis.clients.jedis.StreamEntryID;

/**
 * Counts stream entries appended since this exporter first looked: the stand-in on Redis 6.2, which has no
 * {@code entries-added}, for a counter of entries ever appended.
 *
 * <p>It rides on the id-range reads the collectors do anyway: every entry with an id above the last one seen is new.
 * It starts at 0 when the exporter starts (a counter reset, which {@code rate()} and {@code increase()} handle) and
 * misses entries only when scrapes are further apart than the collector's read window allows.
 */
final class AppendedEntries {

    private StreamEntryID lastSeen;
    private long total;

    /** The last id seen, empty before the first collection. */
    synchronized Optional<StreamEntryID> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }

    /**
     * Records one complete read.
     *
     * @param newEntries entries read with an id above {@link #lastSeen()} (ignored on the first read: they were there
     *                   before we looked)
     * @param newestId   the highest id read, or the read's start when nothing was read
     */
    synchronized void record(long newEntries, StreamEntryID newestId) {
        if (lastSeen != null) {
            total += newEntries;
        }
        if (lastSeen == null || newestId.compareTo(lastSeen) > 0) {
            lastSeen = newestId;
        }
    }

    synchronized long total() {
        return total;
    }
}
