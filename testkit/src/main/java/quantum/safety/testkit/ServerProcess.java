package quantum.safety.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by a test on a loopback port, ready once its {@code /-/ready} answers 200. Shared by
 * {@link PrometheusProcess} and {@link AlertmanagerProcess}; its output goes to a log file in its work directory so
 * a failure message can quote the last lines.
 */
public abstract class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final int port;
    private final Path workDir;
    private Process process;

    protected ServerProcess(String name, int port, Path workDir) {
        this.name = name;
        this.port = port;
        this.workDir = workDir;
    }

    /** The command line that starts the server; called on every (re)start. */
    protected abstract List<String> command();

    public final int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public final String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:PORT}, as written in a Prometheus target list. */
    public final String address() {
        return "127.0.0.1:" + port;
    }

    public final Path workDir() {
        return workDir;
    }

    public final boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server (again, on the same port and directories) and waits until it is ready. */
    public final void start() throws IOException {
        if (isRunning()) {
            return;
        }
        process = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve(name + ".log").toFile()))
                .start();
        awaitReady(Duration.ofSeconds(30));
    }

    /** Stops the server gracefully (SIGTERM) and waits for it to exit. */
    public final void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when {@code /-/ready} answers 200 right now. */
    public final boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines the server wrote, for failure messages. */
    public final String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(workDir.resolve(name + ".log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
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

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ":\n" + logTail(15));
            }
            if (isReady()) {
                return;
            }
            // Polling a starting process: there is no event to wait on; waitFor doubles as the poll delay.
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name, e);
            }
        }
        process.destroyForcibly();
        throw new IOException(name + " was not ready within " + timeout + ":\n" + logTail(15));
    }
}
