package quantum.safety.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.ExtensionContext;

import quantum.safety.process.LocalPostgres;

/**
 * The one PostgreSQL server of a test JVM and how to administer it: where it is, the administrator's login (creates
 * and drops the tests' databases), and the login the tests get.
 */
final class PostgresServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;
    private final String adminDatabase;
    private final String user;
    private final String password;
    private final LocalPostgres owned;

    private PostgresServer(String host, int port, String adminUser, String adminPassword, String adminDatabase,
                           String user, String password, LocalPostgres owned) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
        this.owned = owned;
    }

    /** A server this JVM started; durability off (fsync) since a test server outlives no machine crash. */
    static PostgresServer start(Optional<LocalPostgres.Source> source) throws java.io.IOException {
        LocalPostgres postgres = LocalPostgres.create(source);
        postgres.start(Map.of("fsync", "off"));
        return new PostgresServer(postgres.host(), postgres.port(), LocalPostgres.SUPERUSER,
                postgres.superuserPassword(), "postgres", LocalPostgres.USER, postgres.userPassword(), postgres);
    }

    /** An existing server, {@code postgresql://user:password@host:port/db}, whose user may CREATE DATABASE. */
    static PostgresServer existing(String url) {
        URI uri = URI.create(url);
        String[] userInfo = Optional.ofNullable(uri.getRawUserInfo()).orElse("postgres").split(":", 2);
        String name = decode(userInfo[0]);
        String secret = userInfo.length > 1 ? decode(userInfo[1]) : "";
        String path = Optional.ofNullable(uri.getPath()).orElse("").replaceFirst("^/", "");
        return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), name, secret,
                path.isEmpty() ? "postgres" : path, name, secret, null);
    }

    /** Creates an empty database owned by the tests' login. */
    String createDatabase() throws SQLException {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = adminConnection(adminDatabase); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + user);
        }
        return name;
    }

    void dropDatabase(String name) throws SQLException {
        try (Connection c = adminConnection(adminDatabase); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database,
                adminUser, adminPassword);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Optional<LocalPostgres> owned() {
        return Optional.ofNullable(owned);
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
