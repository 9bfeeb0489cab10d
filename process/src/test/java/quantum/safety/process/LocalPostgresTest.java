package quantum.safety.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void theLocalServerTakesPasswordLoginsAndKeepsItsDataAcrossARestartOnTheSamePort() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            assertThat(postgres.source()).isEqualTo(LocalPostgres.Source.LOCAL);
            try (Connection c = userConnection(postgres); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE mine");
            }
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("mine"), LocalPostgres.USER,
                    postgres.userPassword()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (n int)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
            int port = postgres.port();
            postgres.restart();
            assertThat(postgres.port()).isEqualTo(port);
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("mine"), LocalPostgres.USER,
                    postgres.userPassword()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT n FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndTheOrdinaryUserIsNoSuperuser() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER,
                    "wrong")).isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection c = userConnection(postgres); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isFalse();
            }
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsUntilItIsStartedAgain() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> userConnection(postgres)).isInstanceOf(SQLException.class);
            postgres.start(Map.of());
            try (Connection c = userConnection(postgres)) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void theEmbeddedBinariesRunTooAsAnUnprivilegedUserWhenTheJvmIsRoot() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.create(Optional.of(LocalPostgres.Source.EMBEDDED))) {
            postgres.start(Map.of());
            try (Connection c = userConnection(postgres); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith(PostgresBinaries.EMBEDDED_VERSION.split("\\.")[0] + ".");
            }
        }
    }

    private static Connection userConnection(LocalPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER, postgres.userPassword());
    }
}
