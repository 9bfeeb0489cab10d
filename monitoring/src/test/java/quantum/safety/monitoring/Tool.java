package quantum.safety.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the distribution's tools (promtool, amtool, …) in a directory and keeps what it printed. */
record Tool(List<String> command, int exitCode, String output) {

    static Tool run(Path dir, String... command) {
        List<String> cmd = List.of(command);
        try {
            Process process = new ProcessBuilder(new ArrayList<>(cmd))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            // Read to the end first: a full pipe would block the tool.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(cmd + " did not finish within 5 minutes");
            }
            return new Tool(cmd, process.exitValue(), output);
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
