package quantum.safety.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import quantum.safety.process.ChildProcess;

/** Runs one of the distribution's tools (promtool, amtool, …) in a directory and keeps what it printed. */
record Tool(List<String> command, int exitCode, String output) {

    static Tool run(Path dir, String... command) {
        List<String> cmd = List.of(command);
        try {
            ChildProcess.Completed run = ChildProcess.run(cmd, dir, Duration.ofMinutes(5));
            if (run.timedOut()) {
                throw new IllegalStateException(cmd + " did not finish within 5 minutes");
            }
            return new Tool(cmd, run.exitCode(), run.output());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    /** For assertion messages. */
    String describe() {
        return String.join(" ", command) + " → exit " + exitCode + "\n" + output;
    }
}
