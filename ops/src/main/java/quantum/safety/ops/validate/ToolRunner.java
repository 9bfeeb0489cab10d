package quantum.safety.ops.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import quantum.safety.ops.OpsInputException;

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
                : onPath(configured);
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
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new ValidationResult(shown, false, -1, "timed out after " + TIMEOUT.toSeconds() + "s");
            }
            return new ValidationResult(shown, process.exitValue() == 0, process.exitValue(),
                    new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ValidationResult(shown, false, -1, flag + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ValidationResult(shown, false, -1, "interrupted");
        }
    }

    static Optional<Path> onPath(String name) {
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
}
