package quantum.safety.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the archive lives and how to log in, resolved as libpq would: the connection string's parameters
 * ({@link ConnInfo}), then the {@code PG*} variables for what it leaves out, then libpq's defaults. The password comes
 * from the URL of the environment, else {@code --archive.password-file}, else {@code PGPASSWORD}, else the passfile;
 * a password in a URL given on the command line is refused. {@code ctl} reads the archive with the same class.
 *
 * <p>TLS: {@code sslmode} disable, allow, prefer (libpq's default), require, verify-ca or verify-full, with
 * {@code sslrootcert}, and {@code sslcert}/{@code sslkey} for a client certificate (the JDBC driver reads the key as
 * PKCS-8 DER, {@code .pk8}, or PKCS-12, {@code .p12}).
 */
public final class PostgresTarget {

    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    /** How long one statement may wait on the server before it counts as failed: a hung database is not success. */
    private static final int SOCKET_TIMEOUT_SECONDS = 60;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final Optional<String> password;
    private final String passwordSource;
    private final Map<String, String> params;

    private PostgresTarget(String host, int port, String database, String user, Optional<String> password,
                           String passwordSource, Map<String, String> params) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.passwordSource = passwordSource;
        this.params = Map.copyOf(params);
    }

    /**
     * Resolves the target.
     *
     * @param url          the connection string, or null to rely on the {@code PG*} variables alone
     * @param urlFromArgv  whether the string came from the command line, where a password is refused
     * @param passwordFile {@code --archive.password-file}, or null
     * @param env          the environment ({@code PG*}, {@code HOME}, {@code USER})
     * @throws IllegalArgumentException one line naming the bad input and the fix, never quoting a password
     */
    public static PostgresTarget resolve(String url, boolean urlFromArgv, Path passwordFile, Map<String, String> env) {
        String source = urlFromArgv ? ArchiveSetting.URL.setting().flag().orElseThrow()
                : "env " + ArchiveSetting.URL.setting().env().orElseThrow();
        Map<String, String> given;
        try {
            given = url == null || url.isBlank() ? Map.of() : ConnInfo.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " " + e.getMessage());
        }
        if (urlFromArgv && given.containsKey("password")) {
            throw new IllegalArgumentException(source + " holds a password, and the command line is visible to "
                    + "every user of the machine; put it in a file given by "
                    + ArchiveSetting.PASSWORD_FILE.setting().flag().orElseThrow() + " (or in ~/.pgpass)");
        }
        PgEnv pg = new PgEnv(given, env);
        String host = pg.get("host", "PGHOST").orElse("localhost");
        if (host.startsWith("/")) {
            throw new IllegalArgumentException(pg.origin("host", "PGHOST", source) + ": host " + host
                    + " is a Unix socket folder, which the "
                    + "JDBC driver cannot use; give a host name or address (e.g. localhost)");
        }
        int port = port(pg.get("port", "PGPORT").orElse("5432"), pg.origin("port", "PGPORT", source));
        String user = pg.get("user", "PGUSER").orElse(env.getOrDefault("USER", "postgres"));
        String database = pg.get("dbname", "PGDATABASE").orElse(user);
        String sslMode = pg.get("sslmode", "PGSSLMODE").orElse("prefer").toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException(pg.origin("sslmode", "PGSSLMODE", source) + ": sslmode " + sslMode
                    + " is not one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("sslmode", sslMode);
        pg.get("sslrootcert", "PGSSLROOTCERT").ifPresent(v -> params.put("sslrootcert", readable(v, "sslrootcert",
                pg.origin("sslrootcert", "PGSSLROOTCERT", source))));
        pg.get("sslcert", "PGSSLCERT").ifPresent(v -> params.put("sslcert", readable(v, "sslcert",
                pg.origin("sslcert", "PGSSLCERT", source))));
        pg.get("sslkey", "PGSSLKEY").ifPresent(v -> params.put("sslkey", readable(v, "sslkey",
                pg.origin("sslkey", "PGSSLKEY", source))));
        params.put("ApplicationName", pg.get("application_name", "PGAPPNAME").orElse("quantum-safety-archive"));
        params.put("connectTimeout", String.valueOf(seconds(pg.get("connect_timeout", "PGCONNECT_TIMEOUT")
                .orElse("10"), pg.origin("connect_timeout", "PGCONNECT_TIMEOUT", source))));
        String passwordFlag = ArchiveSetting.PASSWORD_FILE.setting().flag().orElseThrow();
        Path passfile = passFile(pg, env);
        Optional<String> password;
        String passwordSource;
        if (given.containsKey("password")) {
            password = Optional.of(given.get("password"));
            passwordSource = "the password in " + source;
        } else if (passwordFile != null) {
            password = Optional.of(passwordFromFile(passwordFile));
            passwordSource = passwordFlag + " " + passwordFile;
        } else if (env.get("PGPASSWORD") != null && !env.get("PGPASSWORD").isEmpty()) {
            password = Optional.of(env.get("PGPASSWORD"));
            passwordSource = "PGPASSWORD";
        } else {
            password = PassFile.lookUp(passfile, host, port, database, user);
            passwordSource = password.isPresent() ? "passfile " + passfile
                    : "no password (none from " + passwordFlag + ", PGPASSWORD or passfile " + passfile + ")";
        }
        return new PostgresTarget(host, port, database, user, password, passwordSource, params);
    }

    /** The URL of the JDBC driver, without credentials. */
    public String jdbcUrl() {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database;
    }

    /** The driver's properties: login, TLS, timeouts. Holds the password: never log it. */
    public Properties properties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        password.ifPresent(p -> props.setProperty("password", p));
        params.forEach(props::setProperty);
        props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        props.setProperty("tcpKeepAlive", "true");
        return props;
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), properties());
    }

    /** {@code postgresql://user@host:port/db?sslmode=…}: for logs and messages, never with the password. */
    public String describe() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database + "?sslmode=" + params.get("sslmode");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public boolean hasPassword() {
        return password.isPresent();
    }

    /**
     * Where the password came from, for a failed login's message: {@code --archive.password-file PATH},
     * {@code PGPASSWORD}, {@code passfile PATH}, the URL, or "no password (…)". Never the password.
     */
    public String passwordSource() {
        return passwordSource;
    }

    /** A driver parameter as resolved, e.g. {@code sslmode}, {@code sslrootcert}. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(params.get(name));
    }

    @Override
    public String toString() {
        return describe();
    }

    private static int port(String text, String source) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // the message below
        }
        throw new IllegalArgumentException(source + ": '" + text + "' is not a port number (0-65535)");
    }

    private static int seconds(String text, String source) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // the message below
        }
        throw new IllegalArgumentException(source + ": connect_timeout '" + text + "' is not a whole number of "
                + "seconds (e.g. 10)");
    }

    private static String readable(String file, String name, String source) {
        if (!Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException(source + ": " + name + " " + file + " cannot be read; give the path of "
                    + "an existing PEM file");
        }
        return file;
    }

    private static String passwordFromFile(Path file) {
        try {
            String text = Files.readString(file);
            int newline = text.indexOf('\n');
            String first = newline < 0 ? text : text.substring(0, newline);
            return first.endsWith("\r") ? first.substring(0, first.length() - 1) : first;
        } catch (IOException e) {
            throw new IllegalArgumentException(ArchiveSetting.PASSWORD_FILE.setting().flag().orElseThrow() + " "
                    + file + " cannot be read (" + e.getClass().getSimpleName() + "); give a readable file holding "
                    + "the password");
        }
    }

    private static Path passFile(PgEnv pg, Map<String, String> env) {
        return Path.of(pg.get("passfile", "PGPASSFILE")
                .orElse(env.getOrDefault("HOME", System.getProperty("user.home")) + "/.pgpass"));
    }

    /** A parameter from the connection string, else from its {@code PG*} variable (blank counts as unset). */
    private record PgEnv(Map<String, String> given, Map<String, String> env) {

        Optional<String> get(String param, String variable) {
            return fromUrl(param).or(() -> Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank()));
        }

        /** Where a value came from, for a message about it: the URL's setting, else the variable ({@code env PGX}). */
        String origin(String param, String variable, String urlSource) {
            return fromUrl(param).isPresent() || env.get(variable) == null || env.get(variable).isBlank() ? urlSource
                    : "env " + variable;
        }

        private Optional<String> fromUrl(String param) {
            return Optional.ofNullable(given.get(param)).filter(v -> !v.isBlank());
        }
    }
}
