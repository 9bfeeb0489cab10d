package quantum.safety.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

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
    private ChildProcess process;

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
                : EmbeddedRedis.binary();
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
            process.kill();
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
            ChildProcess.Completed kill = ChildProcess.run(List.of("kill", "-" + name, String.valueOf(process.pid())),
                    Duration.ofSeconds(10));
            if (!kill.succeeded()) {
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
            process.stop(Duration.ofSeconds(10));
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
        ChildProcess.deleteQuietly(workDir);
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
        process = ChildProcess.start("redis-server", new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("redis.out").toFile()),
                // Redis writes to its log file once running, to stdout before that (a bad flag, say).
                new ChildProcess.Output(List.of(workDir.resolve("redis.log"), workDir.resolve("redis.out")), 5, " | "));
        process.awaitReady("answer PING", Duration.ofSeconds(15), Duration.ofMillis(20), this::answersPing);
    }

    private boolean answersPing() {
        try (Jedis jedis = connect()) {
            return "PONG".equals(jedis.ping());
        } catch (JedisDataException e) {
            // An answer all the same: the server is up and wants a password (started with --requirepass).
            if (String.valueOf(e.getMessage()).startsWith("NOAUTH")) {
                return true;
            }
            throw e;
        }
    }

    /** The executable {@code name} in a folder of PATH. */
    public static Optional<Path> findOnPath(String name) {
        return ChildProcess.onPath(name);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
