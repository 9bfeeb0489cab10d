package quantum.safety.archive;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes batches of events into the archive, each batch in one transaction: INSERT … ON CONFLICT DO NOTHING, so an
 * entry delivered again (after a crash between commit and acknowledgement, or a recreated consumer group) is skipped,
 * and what the commit returns counts only rows really added. One connection, opened on first use and dropped on any
 * error, so the next call starts on a fresh one.
 */
final class EventStore implements AutoCloseable {

    /** One statement for any batch size: the rows go in as arrays, one per column. */
    private static final String INSERT = "INSERT INTO " + ArchiveSchema.EVENTS
            + " (stream, id_ms, id_seq, event_time, kind, reason, symbol, actor, valid, fields)"
            + " SELECT s, ms, seq, timestamptz 'epoch' + ms * interval '1 millisecond', k, r, sy, a, v, f::jsonb"
            + " FROM unnest(?::text[], ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[],"
            + " ?::text[]) AS t(s, ms, seq, k, r, sy, a, v, f)"
            + " ON CONFLICT DO NOTHING RETURNING stream, valid";

    /** Rows a commit added, per stream, and how many of them did not decode. */
    record Committed(Map<ArchiveStream, Integer> added, Map<ArchiveStream, Integer> invalid) {

        int added(ArchiveStream stream) {
            return added.getOrDefault(stream, 0);
        }

        int invalid(ArchiveStream stream) {
            return invalid.getOrDefault(stream, 0);
        }
    }

    private final PostgresTarget target;
    private Connection connection;

    EventStore(PostgresTarget target) {
        this.target = target;
    }

    PostgresTarget target() {
        return target;
    }

    /** Inserts the events in one transaction and commits; on any failure nothing is kept and the error is thrown. */
    Committed write(List<ArchivedEvent> events) throws SQLException {
        Map<ArchiveStream, Integer> added = new EnumMap<>(ArchiveStream.class);
        Map<ArchiveStream, Integer> invalid = new EnumMap<>(ArchiveStream.class);
        if (events.isEmpty()) {
            return new Committed(added, invalid);
        }
        Connection c = connection();
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            int n = events.size();
            String[] streams = new String[n], kinds = new String[n], reasons = new String[n], symbols = new String[n];
            String[] actors = new String[n], fields = new String[n];
            Long[] millis = new Long[n], sequences = new Long[n];
            Boolean[] valid = new Boolean[n];
            for (int i = 0; i < n; i++) {
                ArchivedEvent e = events.get(i);
                streams[i] = e.stream().label();
                millis[i] = e.id().millis();
                sequences[i] = e.id().sequence();
                kinds[i] = e.kind();
                reasons[i] = e.reason();
                symbols[i] = e.symbol();
                actors[i] = e.actor();
                valid[i] = e.valid();
                fields[i] = JsonObject.of(e.fields());
            }
            bind(insert, c, streams, millis, sequences, kinds, reasons, symbols, actors, valid, fields);
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    ArchiveStream stream = ArchiveStream.ofLabel(rs.getString(1));
                    added.merge(stream, 1, Integer::sum);
                    if (!rs.getBoolean(2)) {
                        invalid.merge(stream, 1, Integer::sum);
                    }
                }
            }
            c.commit();
            return new Committed(added, invalid);
        } catch (SQLException | RuntimeException e) {
            drop();
            throw e;
        }
    }

    /** The newest id archived from the stream, if any. */
    Optional<StreamId> lastArchived(ArchiveStream stream) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement("SELECT id_ms, id_seq FROM " + ArchiveSchema.EVENTS
                + " WHERE stream = ? ORDER BY event_time DESC, id_ms DESC, id_seq DESC LIMIT 1")) {
            s.setString(1, stream.label());
            try (ResultSet rs = s.executeQuery()) {
                Optional<StreamId> last = rs.next() ? Optional.of(new StreamId(rs.getLong(1), rs.getLong(2)))
                        : Optional.empty();
                connection.commit();
                return last;
            }
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    /** The open connection (for partition upkeep between batches), opened when there is none. */
    Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = target.connect();
            c.setAutoCommit(false);
            connection = c;
        }
        return connection;
    }

    /** Drops the connection after an error: the next call reconnects. */
    void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is being thrown away
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        drop();
    }

    private static void bind(PreparedStatement insert, Connection c, String[] streams, Long[] millis,
                             Long[] sequences, String[] kinds, String[] reasons, String[] symbols, String[] actors,
                             Boolean[] valid, String[] fields) throws SQLException {
        Array[] arrays = {c.createArrayOf("text", streams), c.createArrayOf("int8", millis),
            c.createArrayOf("int8", sequences), c.createArrayOf("text", kinds), c.createArrayOf("text", reasons),
            c.createArrayOf("text", symbols), c.createArrayOf("text", actors), c.createArrayOf("bool", valid),
            c.createArrayOf("text", fields)};
        for (int i = 0; i < arrays.length; i++) {
            insert.setArray(i + 1, arrays[i]);
        }
    }
}
