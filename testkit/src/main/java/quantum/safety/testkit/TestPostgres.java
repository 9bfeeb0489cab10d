package quantum.safety.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

import quantum.safety.process.LocalPostgres;

/**
 * The PostgreSQL database a test talks to: its own, empty, created for the test and dropped after it. The login is
 * an ordinary role that owns the database (not a superuser when the server is the testkit's own).
 */
public final class TestPostgres {

    private final PostgresServer server;
    private final String database;

    TestPostgres(PostgresServer server, String database) {
        this.server = server;
        this.database = database;
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public String database() {
        return database;
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    /** {@code jdbc:postgresql://host:port/database}, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** {@code postgresql://user@host:port/database}, a libpq URI without the password. */
    public String uri() {
        return "postgresql://" + user() + "@" + host() + ":" + port() + "/" + database;
    }

    /** A fresh connection as the database's owner; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /** A fresh connection to this database as the server's administrator (superuser for the testkit's own). */
    public Connection connectAsAdmin() throws SQLException {
        return server.adminConnection(database);
    }

    /**
     * The server process when the testkit started it (to stop, kill or restart it; it is shared by the tests of this
     * JVM and must be running again when the test ends), empty for a server named by
     * {@value PostgresExtension#ENV}.
     */
    public Optional<LocalPostgres> server() {
        return server.owned();
    }

    @Override
    public String toString() {
        return uri();
    }
}
