package quantum.safety.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A server process started on a loopback port, ready once its {@code /-/ready} answers 200. Shared by
 * {@link PrometheusProcess} and {@link AlertmanagerProcess}; its output goes to a log file in its work directory so
 * a failure message can quote the last lines.
 */
public abstract class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final int port;
    private final Path workDir;
    private ChildProcess process;

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
        process = ChildProcess.start(name, new ProcessBuilder(command())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())),
                ChildProcess.Output.of(log(), 15));
        process.awaitReady("answer 200 on /-/ready", Duration.ofSeconds(30), Duration.ofMillis(50), this::isReady);
    }

    /** Stops the server gracefully (SIGTERM) and waits for it to exit. */
    public final void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(15));
        }
    }

    /**
     * The {@code Authorization} header value {@code /-/ready} needs, for a server behind basic auth; empty (the
     * default): none.
     */
    protected Optional<String> readyAuthorization() {
        return Optional.empty();
    }

    /** True when {@code /-/ready} answers 200 right now. */
    public final boolean isReady() {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                    .timeout(Duration.ofSeconds(1));
            readyAuthorization().ifPresent(value -> request.header("Authorization", value));
            HttpResponse<Void> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
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
        return ChildProcess.Output.of(log(), lines).tail();
    }

    @Override
    public void close() {
        stop();
        ChildProcess.deleteQuietly(workDir);
    }

    private Path log() {
        return workDir.resolve(name + ".log");
    }
}
