package quantum.safety.ops.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.OpsInputException;
import quantum.safety.process.ChildProcess;

/** Runs one of Prometheus' command-line checkers with a deadline and captures what it says. */
public final class ToolRunner {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String flag;
    private final Path executable;

    private ToolRunner(String flag, Path executable) {
        this.flag = flag;
        this.executable = executable;
    }

    /**
     * The tool at {@code configured} (a path or a name looked up on PATH); bad input when it is not there, because
     * we never change anything we cannot validate first.
     */
    public static ToolRunner locate(String flag, String configured, String debianPackage) {
        Path candidate = Path.of(configured);
        Optional<Path> found = configured.contains("/") ? Optional.of(candidate).filter(Files::isExecutable)
                : ChildProcess.onPath(configured);
        return new ToolRunner(flag, found.orElseThrow(() -> new OpsInputException(flag + " " + configured
                + ": not found or not executable; install it (apt-get install " + debianPackage + ") or pass "
                + flag + " /path/to/" + candidate.getFileName())));
    }

    public Path executable() {
        return executable;
    }

    public ValidationResult run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        String shown = String.join(" ", command);
        try {
            ChildProcess.Completed run = ChildProcess.run(command, TIMEOUT);
            if (run.timedOut()) {
                return new ValidationResult(shown, false, -1, "timed out after " + TIMEOUT.toSeconds() + "s");
            }
            return new ValidationResult(shown, run.exitCode() == 0, run.exitCode(), run.output());
        } catch (IOException e) {
            return new ValidationResult(shown, false, -1, flag + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ValidationResult(shown, false, -1, "interrupted");
        }
    }
}
