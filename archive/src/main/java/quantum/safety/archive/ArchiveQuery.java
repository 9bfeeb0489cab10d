package quantum.safety.archive;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the archive: the events of one stream in {@code [since, until)}, optionally of one symbol or reason, at most
 * {@code limit}, newest or oldest first. For {@code ctl faults --since/--until} and anyone auditing the history.
 *
 * <pre>{@code
 * List<ArchivedEvent> trips = ArchiveQuery.of(ArchiveStream.AUDIT, since, until).reason("global_rate_exceeded")
 *         .limit(100).newestFirst().run(target);
 * }</pre>
 */
public final class ArchiveQuery {

    private final ArchiveStream stream;
    private final Instant since;
    private final Instant until;
    private Optional<String> symbol = Optional.empty();
    private Optional<String> reason = Optional.empty();
    private Optional<StreamId> before = Optional.empty();
    private int limit = 1000;
    private boolean newestFirst = true;

    private ArchiveQuery(ArchiveStream stream, Instant since, Instant until) {
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since " + since + " is not before until " + until);
        }
        this.stream = stream;
        this.since = since;
        this.until = until;
    }

    /** Events of {@code stream} from {@code since} (included) to {@code until} (excluded), by their stream id time. */
    public static ArchiveQuery of(ArchiveStream stream, Instant since, Instant until) {
        return new ArchiveQuery(stream, since, until);
    }

    public ArchiveQuery symbol(String value) {
        this.symbol = Optional.of(value);
        return this;
    }

    public ArchiveQuery reason(String value) {
        this.reason = Optional.of(value);
        return this;
    }

    /**
     * Only events whose stream id is below {@code id}: the keyset bound that pages through a range, since one
     * millisecond may hold more events than a page.
     */
    public ArchiveQuery before(StreamId id) {
        this.before = Optional.of(id);
        return this;
    }

    public ArchiveQuery limit(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("limit " + value + " must be at least 1");
        }
        this.limit = value;
        return this;
    }

    public ArchiveQuery newestFirst() {
        this.newestFirst = true;
        return this;
    }

    public ArchiveQuery oldestFirst() {
        this.newestFirst = false;
        return this;
    }

    /** Runs the query on a new connection. */
    public List<ArchivedEvent> run(PostgresTarget target) throws SQLException {
        try (Connection connection = target.connect()) {
            return run(connection);
        }
    }

    /** Runs the query on the caller's connection. */
    public List<ArchivedEvent> run(Connection connection) throws SQLException {
        String order = newestFirst ? "DESC" : "ASC";
        String sql = "SELECT id_ms, id_seq, kind, reason, symbol, actor, valid,"
                + " ARRAY(SELECT key FROM jsonb_each_text(fields)), ARRAY(SELECT value FROM jsonb_each_text(fields))"
                + " FROM " + ArchiveSchema.EVENTS + " WHERE stream = ? AND event_time >= ? AND event_time < ?"
                + (symbol.isPresent() ? " AND symbol = ?" : "") + (reason.isPresent() ? " AND reason = ?" : "")
                + (before.isPresent() ? " AND (id_ms, id_seq) < (?, ?)" : "")
                + " ORDER BY event_time " + order + ", id_ms " + order + ", id_seq " + order + " LIMIT ?";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, stream.label());
            s.setTimestamp(i++, Timestamp.from(since));
            s.setTimestamp(i++, Timestamp.from(until));
            if (symbol.isPresent()) {
                s.setString(i++, symbol.get());
            }
            if (reason.isPresent()) {
                s.setString(i++, reason.get());
            }
            if (before.isPresent()) {
                s.setLong(i++, before.get().millis());
                s.setLong(i++, before.get().sequence());
            }
            s.setInt(i, limit);
            List<ArchivedEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new ArchivedEvent(stream, new StreamId(rs.getLong(1), rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                            fields(rs.getArray(8), rs.getArray(9))));
                }
            }
            return events;
        }
    }

    /** jsonb keeps no order of keys: the fields come back sorted by name. */
    private static Map<String, String> fields(Array keys, Array values) throws SQLException {
        String[] k = (String[]) keys.getArray();
        String[] v = (String[]) values.getArray();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < k.length; i++) {
            fields.put(k[i], v[i]);
        }
        return fields;
    }
}
