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
 * command-line tools run to their end ({@link #run}: promtool, amtool, openssl, the launcher in its tests).
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

    /**
     * Asks the process to stop (SIGTERM); after {@code grace} kills it (SIGKILL). Returns once it has exited: true when
     * it did so within the grace (on SIGTERM, or before), false when it had to be killed.
     */
    public boolean stop(Duration grace) {
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Kills the process (SIGKILL), as a crash would, and returns once it has exited. What it started goes first: a
     * wrapper such as faketime runs the real server as its child, which would otherwise outlive it.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a command run to its end said: its exit code, its output, and what it wrote to stderr when that was kept
     * apart ("" when it joined the output), or {@code timedOut} when it was killed at the deadline (exit code -1 then).
     */
    public record Completed(List<String> command, int exitCode, String output, String errors, boolean timedOut) {

        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        /** The command, how it ended and all it printed, for a failure message. */
        public String describe() {
            return String.join(" ", command) + (timedOut ? " → killed at its deadline" : " → exit " + exitCode)
                    + "\n" + output + errors;
        }
    }

    /** {@link #run(List, Path, Duration)} in the current directory. */
    public static Completed run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(command, null, timeout);
    }

    /**
     * Runs a command to its end in {@code directory} (null: the current one) with nothing on its stdin, keeping what
     * it prints on stdout and stderr together; at {@code timeout} it is killed.
     */
    public static Completed run(List<String> command, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        return run(builder, "", timeout);
    }

    /**
     * Runs what {@code builder} says (command, directory, environment, and whether stderr joins the output) to its
     * end with {@code input} on its stdin, keeping what it prints; at {@code timeout} it is killed. Its stdin, stdout
     * and stderr are temporary files rather than pipes (replacing the builder's redirections), so a tool that reads
     * or prints a lot never blocks and the deadline holds even while it does.
     */
    public static Completed run(ProcessBuilder builder, String input, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = List.copyOf(builder.command());
        Path in = Files.createTempFile("quantum-safety-tool-", ".in");
        Path out = Files.createTempFile("quantum-safety-tool-", ".out");
        Path err = Files.createTempFile("quantum-safety-tool-", ".err");
        try {
            Files.writeString(in, input, StandardCharsets.UTF_8);
            builder.redirectInput(in.toFile()).redirectOutput(out.toFile());
            if (!builder.redirectErrorStream()) {
                builder.redirectError(err.toFile());
            }
            Process process = builder.start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            return new Completed(command, ended ? process.exitValue() : -1, text(out), text(err), !ended);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A file's bytes as UTF-8, a malformed sequence becoming U+FFFD rather than an exception. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
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
