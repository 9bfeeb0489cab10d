package quantum.safety.archive;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream for the archiver through its consumer group: after a (re)start or a Redis failure, first the
 * group's pending entries (delivered before, maybe committed, never acknowledged), then new ones. It counts the gaps
 * ({@link GapCheck}) and the pending entries trimmed before they were archived, into the metrics.
 */
final class StreamReader {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);

    /** What one read gave: the entries to store, and the ids to acknowledge once they are committed. */
    record Read(List<ArchivedEvent> events, List<StreamId> ids) {

        boolean isEmpty() {
            return ids.isEmpty();
        }
    }

    private final StreamGroup group;
    private final ArchiveMetrics metrics;
    private boolean prepared;
    private boolean pendingPhase;
    private StreamId pendingCursor = StreamId.ZERO;
    private StreamId archivedFloor = StreamId.ZERO;

    StreamReader(StreamGroup group, ArchiveMetrics metrics) {
        this.group = group;
        this.metrics = metrics;
    }

    ArchiveStream stream() {
        return group.stream();
    }

    StreamGroup group() {
        return group;
    }

    /** The newest id of a read, for the last-archived metric. */
    java.util.Optional<StreamId> lastId(Read read) {
        return read.ids().stream().max(StreamId::compareTo);
    }

    /** Starts over: the group is checked (created if gone) and its pending entries are read again. */
    void reset() {
        prepared = false;
    }

    boolean caughtUpOnPending() {
        return prepared && !pendingPhase;
    }

    /** The next entries, at most {@code count}: pending ones first. */
    Read next(int count, EventStore store) throws SQLException {
        if (!prepared) {
            prepare(store);
        }
        if (pendingPhase) {
            List<StreamEntryRead> pending = group.readPending(pendingCursor, count);
            if (!pending.isEmpty()) {
                pendingCursor = pending.get(pending.size() - 1).id();
                return toRead(pending, true);
            }
            pendingPhase = false;
            LOG.debug("{}: pending entries done, reading new ones", stream().label());
        }
        StreamSnapshot snapshot = group.readNew(count);
        Optional<GapCheck> gap = GapCheck.of(snapshot, archivedFloor);
        if (gap.isPresent()) {
            recordGap(gap.get(), snapshot);
        }
        return toRead(snapshot.entries(), false);
    }

    private void recordGap(GapCheck gap, StreamSnapshot snapshot) {
        metrics.gap(stream(), gap.events());
        if (gap.exact()) {
            LOG.warn("{}: gap: {} entries after {} and before {} were trimmed from {} before they were archived",
                    stream().label(), gap.events(), gap.afterId(), gap.beforeId(), group.key());
            // Redis counts the read from the first entry on as if nothing was skipped: set the group's counter to
            // what it really read, so the next gap is counted from here and Redis' own lag is right.
            if (!snapshot.entries().isEmpty()) {
                long read = snapshot.entriesRead().getAsLong() + gap.events() + snapshot.entries().size();
                group.setEntriesRead(snapshot.entries().get(snapshot.entries().size() - 1).id(), read);
            }
        } else {
            LOG.warn("{}: possible gap: the oldest entry of {} is {}, newer than the last archived {}; entries in "
                    + "between may have been trimmed before they were archived (this Redis does not count them)",
                    stream().label(), group.key(), gap.beforeId(), gap.afterId());
        }
    }

    private Read toRead(List<StreamEntryRead> entries, boolean pending) {
        List<ArchivedEvent> events = new ArrayList<>(entries.size());
        List<StreamId> ids = new ArrayList<>(entries.size());
        long lost = 0;
        for (StreamEntryRead entry : entries) {
            ids.add(entry.id());
            if (entry.deleted()) {
                lost++;
            } else {
                events.add(EventDecoder.decode(stream(), entry.id().toString(), entry.fields()));
            }
        }
        if (lost > 0) {
            // Delivered before a crash, trimmed before they were stored: gone, and exactly this many.
            metrics.gap(stream(), lost);
            LOG.warn("{}: {} pending entries were trimmed from {} before they were archived", stream().label(), lost,
                    group.key());
        }
        return new Read(events, ids);
    }

    /**
     * Makes sure the group exists. A new one starts at 0, so what the stream still holds is archived (again: the
     * archive skips what it has). On Redis 7 its read counter is set so that only entries trimmed after the last
     * archived one count as a gap: on a first start, the history trimmed before the archive existed does not.
     */
    private void prepare(EventStore store) throws SQLException {
        StreamId lastArchived = store.lastArchived(stream()).orElse(StreamId.ZERO);
        if (group.create()) {
            archivedFloor = lastArchived;
            StreamSnapshot state = group.state();
            if (state.countsEntries()) {
                long removed = state.entriesAdded().getAsLong() - state.length();
                boolean newerThanArchive = !archivedFloor.equals(StreamId.ZERO)
                        && state.firstEntry().map(first -> first.isAfter(archivedFloor)).orElse(false);
                group.setEntriesRead(StreamId.ZERO, newerThanArchive ? 0 : removed);
            }
            if (archivedFloor.equals(StreamId.ZERO)) {
                LOG.info("{}: consumer group {} created on {}: archiving the {} entries it holds", stream().label(),
                        StreamGroup.GROUP, group.key(), state.length());
            } else {
                LOG.warn("{}: consumer group {} was missing on {} (Redis restarted or lost the stream) and is "
                        + "created again; entries already archived (up to {}) are skipped", stream().label(),
                        StreamGroup.GROUP, group.key(), archivedFloor);
            }
        } else {
            archivedFloor = StreamId.ZERO;
        }
        pendingPhase = true;
        pendingCursor = StreamId.ZERO;
        prepared = true;
    }
}
