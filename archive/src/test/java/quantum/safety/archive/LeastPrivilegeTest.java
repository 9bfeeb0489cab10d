package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** The set-up docs/operations.md gives: a role that owns only its schema, and a reader that may only SELECT. */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class LeastPrivilegeTest {

    @Test
    void aRoleOwningOnlyItsSchemaMigratesAndArchivesAndTheReaderOnlyReads(TestRedis redis, TestPostgres postgres)
            throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        String archiveRole = "archive_" + suffix;
        String readerRole = "reader_" + suffix;
        try (Connection admin = postgres.connectAsAdmin(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + archiveRole + " LOGIN PASSWORD 'a-pw'");
            s.execute("CREATE ROLE " + readerRole + " LOGIN PASSWORD 'r-pw'");
            s.execute("REVOKE ALL ON DATABASE " + postgres.database() + " FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE " + postgres.database() + " TO " + archiveRole + ", " + readerRole);
            s.execute("CREATE SCHEMA quantum_safety AUTHORIZATION " + archiveRole);
            s.execute("GRANT USAGE ON SCHEMA quantum_safety TO " + readerRole);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + archiveRole + " IN SCHEMA quantum_safety "
                    + "GRANT SELECT ON TABLES TO " + readerRole);
        }
        String base = "postgresql://%s@" + postgres.host() + ":" + postgres.port() + "/" + postgres.database()
                + "?sslmode=disable";
        PostgresTarget archive = PostgresTarget.resolve(String.format(base, archiveRole), false, null,
                Map.of("PGPASSWORD", "a-pw"));
        PostgresTarget reader = PostgresTarget.resolve(String.format(base, readerRole), false, null,
                Map.of("PGPASSWORD", "r-pw"));
        try (Jedis jedis = redis.connect()) {
            Fixture.addFaults(jedis, 12);
        }
        ArchiveMetrics metrics = new ArchiveMetrics("test");
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, archive, metrics, 5))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.events(ArchiveStream.FAULT) == 12);
        }
        try (Connection c = archive.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'quantum_safety' "
                     + "AND tablename LIKE 'events_y%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("monthly partitions the archive created").isEqualTo(3);
        }
        try (Connection c = reader.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + ArchiveSchema.EVENTS)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(12);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("DELETE FROM " + ArchiveSchema.EVENTS))
                    .hasMessageContaining("permission denied");
        } finally {
            // roles belong to the whole server, which other tests share
            try (Connection admin = postgres.connectAsAdmin(); Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA quantum_safety CASCADE");
                s.execute("DROP OWNED BY " + archiveRole + ", " + readerRole);
                s.execute("DROP ROLE " + archiveRole);
                s.execute("DROP ROLE " + readerRole);
            }
        }
    }
}
