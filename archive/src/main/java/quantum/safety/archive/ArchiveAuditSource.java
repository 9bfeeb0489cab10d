package quantum.safety.archive;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import quantum.safety.web.audit.AuditCursor;
import quantum.safety.web.audit.AuditEntry;
import quantum.safety.web.audit.AuditSource;

/** The audit page's events: {@link ArchiveQuery} on the archive's own database, one connection per page. */
final class ArchiveAuditSource implements AuditSource {

    private final PostgresTarget target;

    ArchiveAuditSource(PostgresTarget target) {
        this.target = target;
    }

    @Override
    public List<AuditEntry> newest(String stream, long sinceMillis, long untilMillis, Optional<AuditCursor> before,
                                   int limit) {
        ArchiveQuery query = ArchiveQuery.of(ArchiveStream.ofLabel(stream), Instant.ofEpochMilli(sinceMillis),
                Instant.ofEpochMilli(untilMillis)).limit(limit).newestFirst();
        before.ifPresent(b -> query.before(new StreamId(b.millis(), b.sequence())));
        try {
            return query.run(target).stream()
                    .map(e -> new AuditEntry(e.stream().label(), e.id().toString(), e.time(), e.fields())).toList();
        } catch (SQLException e) {
            throw new Unavailable("PostgreSQL " + PostgresTrouble.explain(target, e), e);
        }
    }
}
