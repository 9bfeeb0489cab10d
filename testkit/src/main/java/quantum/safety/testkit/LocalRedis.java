package quantum.safety.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import redis.clients.jedis.Jedis;

/**
 * A real Redis server process on a loopback port, for tests and for the demo.
 *
 * <p>The binary is {@code redis-server} from PATH when there is one, else the Redis 6.2 binary shipped inside the
 * {@code com.github.codemonstur:embedded-redis} artifact (extracted to a temporary file). The server keeps no data on
 * disk and is stopped (and its files removed) by {@link #close()}.
 */
public final class LocalRedis implements AutoCloseable {

    /** Where the binary came from. */
    public enum Source { PATH, EMBEDDED }

    private final Path binary;
    private final Source source;
    private final int port;
    private final Path workDir;
    private final List<String> extraArgs;
    private Process process;

    private LocalRedis(Path binary, Source source, int port, Path workDir, List<String> extraArgs) {
        this.binary = binary;
        this.source = source;
        this.port = port;
        this.workDir = workDir;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a server from the best available source on a free loopback port. */
    public static LocalRedis start(String... extraArgs) throws IOException {
        return start(Optional.empty(), extraArgs);
    }

    /** Starts a server from the given source (or the best available) on a free loopback port. */
    public static LocalRedis start(Optional<Source> preferred, String... extraArgs) throws IOException {
        Source source = preferred.orElseGet(() -> findOnPath("redis-server").isPresent() ? Source.PATH : Source.EMBEDDED);
        Path binary = source == Source.PATH
                ? findOnPath("redis-server").orElseThrow(() -> new IOException("redis-server is not on PATH"))
                : extractEmbeddedBinary();
        LocalRedis redis = new LocalRedis(binary, source, freePort(), Files.createTempDirectory("quantum-redis-"),
                List.of(extraArgs));
        redis.launch();
        return redis;
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

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://" + host() + ":" + port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server (SIGKILL): for tests of a crashed Redis. Data is lost, as in a crash without persistence. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** The server's process id (of the current run; it changes on {@link #restart()}). */
    public long pid() {
        return process.pid();
    }

    /**
     * Freezes the server (SIGSTOP): connections stay open but nothing answers, as with a stalled host or a long
     * fork. {@link #resume()} thaws it with its data intact.
     */
    public void pause() throws IOException {
        signal("STOP");
    }

    /** Thaws a server frozen by {@link #pause()} (SIGCONT). */
    public void resume() throws IOException {
        signal("CONT");
    }

    /** The server's working directory (its log is {@code redis.log} there). */
    public Path workDir() {
        return workDir;
    }

    private void signal(String name) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending SIG" + name, e);
        }
    }

    /** Stops the server gracefully (SIGTERM). */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitForExit();
        }
    }

    /** Starts the server again on the same port after {@link #stop()} or {@link #kill()}; it comes back empty. */
    public void restart() throws IOException {
        if (isRunning()) {
            stop();
        }
        launch();
    }

    /** A fresh, unpooled connection; the caller closes it. */
    public Jedis connect() {
        return new Jedis(host(), port);
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(workDir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary directory left behind is harmless
        }
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", String.valueOf(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", workDir.toString(),
                "--daemonize", "no",
                "--protected-mode", "no",
                "--logfile", workDir.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis.out").toFile())
                .start();
        awaitPing(Duration.ofSeconds(15));
    }

    private void awaitPing(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": " + tail());
            }
            try (Jedis jedis = connect()) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                // An answer all the same: the server is up and wants a password (started with --requirepass).
                if (String.valueOf(e.getMessage()).startsWith("NOAUTH")) {
                    return;
                }
                last = new IOException(e.getMessage(), e);
            } catch (RuntimeException e) {
                last = new IOException(e.getMessage(), e);
            }
            // Polling a starting process: there is no event to wait on.
            try {
                process.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for redis-server", e);
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not answer PING within " + timeout + ": " + tail(), last);
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        for (String name : List.of("redis.log", "redis.out")) {
            try {
                List<String> lines = Files.readAllLines(workDir.resolve(name));
                if (!lines.isEmpty()) {
                    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
                }
            } catch (IOException ignored) {
                // try the next file
            }
        }
        return "(no output)";
    }

    public static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static Path extractEmbeddedBinary() throws IOException {
        String resource = embeddedResourceName();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "quantum-safety-" + resource);
        if (!Files.isExecutable(target)) {
            Path tmp = Files.createTempFile(target.getParent(), "redis-", ".tmp");
            try (InputStream in = openEmbeddedBinary(resource)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    /**
     * The binary from the classpath (tests), else from the artifact in the local Maven repository: the runnable jar
     * leaves the 27 MB artifact out, and the launcher's Maven build has already downloaded it.
     */
    private static InputStream openEmbeddedBinary(String resource) throws IOException {
        URL url = LocalRedis.class.getClassLoader().getResource(resource);
        if (url != null) {
            return url.openStream();
        }
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "github", "codemonstur",
                "embedded-redis");
        if (Files.isDirectory(repo)) {
            try (var versions = Files.list(repo)) {
                for (Path dir : versions.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Path jar = dir.resolve("embedded-redis-" + dir.getFileName() + ".jar");
                    if (Files.isRegularFile(jar)) {
                        java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
                        java.util.zip.ZipEntry entry = zip.getEntry(resource);
                        if (entry != null) {
                            InputStream in = zip.getInputStream(entry);
                            return new java.io.FilterInputStream(in) {
                                @Override
                                public void close() throws IOException {
                                    super.close();
                                    zip.close();
                                }
                            };
                        }
                        zip.close();
                    }
                }
            }
        }
        throw new IOException("no redis-server on PATH and no embedded Redis binary '" + resource
                + "' on the classpath or in ~/.m2; install Redis (apt-get install redis-server)");
    }

    private static String embeddedResourceName() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        if (os.contains("linux")) {
            return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new IOException("no embedded Redis binary for " + os + "/" + arch + "; install redis-server");
    }
}
