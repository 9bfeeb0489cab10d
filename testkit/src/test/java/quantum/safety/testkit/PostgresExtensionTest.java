package quantum.safety.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    private static final List<String> DATABASES_SEEN = new ArrayList<>();

    private TestPostgres fromBeforeEach;

    @BeforeEach
    void remember(TestPostgres postgres) {
        fromBeforeEach = postgres;
    }

    @Test
    void givesEachTestItsOwnEmptyDatabaseOwnedByAnOrdinaryLogin(TestPostgres postgres) throws Exception {
        assertThat(postgres.database()).isEqualTo(fromBeforeEach.database());
        assertThat(DATABASES_SEEN).doesNotContain(postgres.database());
        DATABASES_SEEN.add(postgres.database());
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            s.execute("CREATE TABLE left_behind (n int)");
            try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isFalse();
            }
        }
    }

    @Test
    void aSecondTestSeesNothingOfTheFirst(TestPostgres postgres) throws Exception {
        givesEachTestItsOwnEmptyDatabaseOwnedByAnOrdinaryLogin(postgres);
    }

    @Test
    void theServerCanBeRestartedAndTheDatabaseSurvives(TestPostgres postgres) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (n int)");
        }
        postgres.server().orElseThrow().restart();
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
