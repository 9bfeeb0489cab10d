package quantum.safety.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's tables in their own schema, {@value #SCHEMA}: created and upgraded by Flyway's versioned migrations
 * ({@code quantum/safety/archive/migration/V*.sql}, applied one at a time in a transaction under PostgreSQL's advisory
 * lock, so two archivers starting at once do not race), and the monthly partitions kept ahead of time.
 */
public final class ArchiveSchema {

    public static final String SCHEMA = "quantum_safety";
    /** The events table, schema-qualified. */
    public static final String EVENTS = SCHEMA + ".events";
    /** Partitions created ahead: this month and the next two, so a month never starts without one. */
    static final int MONTHS_AHEAD = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSchema.class);

    /** How the events table is stored. */
    public enum Layout { PARTITIONED, TIMESCALE }

    private ArchiveSchema() {
    }

    /** Applies the migrations not yet applied; returns how many were. */
    public static int migrate(PostgresTarget target) {
        Flyway flyway = Flyway.configure()
                .dataSource(new TargetDataSource(target))
                .schemas(SCHEMA)
                .createSchemas(true)
                .table("schema_history")
                .locations("classpath:quantum/safety/archive/migration")
                .load();
        return flyway.migrate().migrationsExecuted;
    }

    /** How the table is stored: a hypertable where TimescaleDB was there at creation, else partitioned. */
    public static Layout layout(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relkind FROM pg_class c WHERE c.oid = to_regclass('" + EVENTS
                     + "')")) {
            if (!rs.next()) {
                throw new SQLException(EVENTS + " does not exist: the schema is not migrated");
            }
            return "p".equals(rs.getString(1)) ? Layout.PARTITIONED : Layout.TIMESCALE;
        }
    }

    /**
     * Creates the partitions of this month and the next {@value #MONTHS_AHEAD} that do not exist yet (no-op for a
     * hypertable, whose chunks appear by themselves). A month whose rows already went to the default partition
     * keeps them there: that partition is skipped with a warning, and inserts still succeed.
     */
    public static void ensurePartitions(Connection connection, LocalDate today) throws SQLException {
        if (layout(connection) != Layout.PARTITIONED) {
            return;
        }
        LocalDate month = today.withDayOfMonth(1);
        for (int i = 0; i <= MONTHS_AHEAD; i++, month = month.plusMonths(1)) {
            String name = String.format("events_y%04dm%02d", month.getYear(), month.getMonthValue());
            if (exists(connection, SCHEMA + "." + name)) {
                continue;
            }
            String sql = "CREATE TABLE IF NOT EXISTS " + SCHEMA + "." + name + " PARTITION OF " + EVENTS
                    + " FOR VALUES FROM ('" + start(month) + "') TO ('" + start(month.plusMonths(1)) + "')";
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
                LOG.info("created partition {}.{}", SCHEMA, name);
            } catch (SQLException e) {
                if (!"23514".equals(e.getSQLState())) {
                    throw e;
                }
                LOG.warn("partition {}.{} not created: the default partition already holds rows of that month; "
                        + "they stay there and inserts go on", SCHEMA, name);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String start(LocalDate month) {
        return ZonedDateTime.of(month.atStartOfDay(), ZoneOffset.UTC).toOffsetDateTime().toString();
    }
}
