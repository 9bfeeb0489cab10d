package quantum.safety.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process this JVM started, with its output in files: started, waited on until a condition holds or it exits (the
 * {@link Poll} loop), stopped, and quoted in failure messages by the last lines it wrote. Every child process of the
 * project goes through here: Redis ({@link LocalRedis}), Prometheus and Alertmanager ({@link ServerProcess}), and the
 * command-line tools run to their end ({@link #run}: promtool, amtool).
 */
public final class ChildProcess {

    /**
     * Where the process writes and how much of it a failure message quotes: the last {@code lines} lines of the first
     * of {@code files} that has any, joined by {@code separator} (" | " keeps a message on one line).
     */
    public record Output(List<Path> files, int lines, String separator) {

        public Output {
            files = List.copyOf(files);
        }

        /** One log file, quoted line by line. */
        public static Output of(Path file, int lines) {
            return new Output(List.of(file), lines, "\n");
        }

        /** The last lines, or {@code (no output)}. */
        public String tail() {
            for (Path file : files) {
                try {
                    List<String> all = Files.readAllLines(file);
                    if (!all.isEmpty()) {
                        return String.join(separator, all.subList(Math.max(0, all.size() - lines), all.size()));
                    }
                } catch (IOException ignored) {
                    // not written (yet): try the next file
                }
            }
            return "(no output)";
        }

        /** The tail as the end of a message: on its own lines when it has several. */
        String quoted() {
            return (separator.contains("\n") ? ":\n" : ": ") + tail();
        }
    }

    private final String name;
    private final Process process;
    private final Output output;

    private ChildProcess(String name, Process process, Output output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code builder}, whose redirections send the output where {@code output} says; {@code name} is how
     * messages call the process.
     */
    public static ChildProcess start(String name, ProcessBuilder builder, Output output) throws IOException {
        return new ChildProcess(name, builder.start(), output);
    }

    /**
     * Waits until {@code ready} holds, checking every {@code interval}. Fails with the exit code and the last output
     * when the process exits first, and kills it and fails with the last output when {@code timeout} passes;
     * {@code condition} says what was awaited ("answer PING").
     */
    public void awaitReady(String condition, Duration timeout, Duration interval, Poll.Condition ready)
            throws IOException {
        Poll.Outcome outcome;
        try {
            outcome = Poll.await(timeout, interval, () -> !process.isAlive(), ready);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + name, e);
        }
        switch (outcome.end()) {
            case MET -> {
            }
            case STOPPED -> throw new IOException(name + " exited with " + process.exitValue() + output.quoted());
            case TIMED_OUT -> {
                process.destroyForcibly();
                throw new IOException(name + " did not " + condition + " within " + timeout + output.quoted(),
                        outcome.lastFailure());
            }
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The last lines the process wrote, as {@link Output#tail()}. */
    public String tail() {
        return output.tail();
    }

    /** Asks the process to stop (SIGTERM); after {@code grace} kills it (SIGKILL). Returns once it has exited. */
    public void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process (SIGKILL), as a crash would, and returns once it has exited. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a command run to its end said: its exit code and its output (stdout and stderr together), or
     * {@code timedOut} when it was killed at the deadline (exit code -1 then).
     */
    public record Completed(List<String> command, int exitCode, String output, boolean timedOut) {

        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    /** {@link #run(List, Path, Duration)} in the current directory. */
    public static Completed run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(command, null, timeout);
    }

    /**
     * Runs a command to its end in {@code directory} (null: the current one) with nothing on its stdin, keeping what
     * it prints; at {@code timeout} it is killed. The output goes to a temporary file rather than a pipe, so a tool
     * that prints a lot never blocks and the deadline holds even while it prints.
     */
    public static Completed run(List<String> command, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        List<String> copy = List.copyOf(command);
        Path out = Files.createTempFile("quantum-safety-tool-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(copy))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Completed(copy, -1, new String(Files.readAllBytes(out), StandardCharsets.UTF_8), true);
            }
            return new Completed(copy, process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8), false);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The executable {@code name} in a folder of PATH, as a shell would find it. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Deletes a folder and everything in it, best effort: a temporary folder left behind is harmless. */
    public static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
