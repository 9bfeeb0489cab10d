package quantum.safety.cli.ctl;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import quantum.safety.archive.ArchiveQuery;
import quantum.safety.archive.ArchiveStream;
import quantum.safety.archive.PostgresTarget;
import quantum.safety.archive.PostgresTrouble;
import quantum.safety.kernel.FaultEvent;

/** The fault stream's copy in the audit archive, read with the archive's {@link ArchiveQuery}; connects per read. */
final class ArchivedFaults implements FaultArchive {

    private static final Set<String> FILTERS = Set.of("symbol", "reason");

    private final PostgresTarget target;

    ArchivedFaults(PostgresTarget target) {
        this.target = target;
    }

    @Override
    public List<FaultEvent> newest(long sinceMillis, long untilMillis, Map<String, String> filters, int limit) {
        if (!FILTERS.containsAll(filters.keySet())) {
            throw new IllegalArgumentException("the archive filters on " + FILTERS + " only, not " + filters.keySet());
        }
        ArchiveQuery query = ArchiveQuery.of(ArchiveStream.FAULT, Instant.ofEpochMilli(sinceMillis),
                Instant.ofEpochMilli(untilMillis)).limit(limit).newestFirst();
        if (filters.containsKey("symbol")) {
            query.symbol(filters.get("symbol"));
        }
        if (filters.containsKey("reason")) {
            query.reason(filters.get("reason"));
        }
        try {
            return query.run(target).stream()
                    .map(e -> FaultEvent.fromStreamEntry(e.id().toString(), e.fields())).toList();
        } catch (SQLException e) {
            throw new Unavailable(PostgresTrouble.explain(target, e), e);
        }
    }

    @Override
    public String describe() {
        return target.describe();
    }
}
