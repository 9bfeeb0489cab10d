package quantum.safety.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import quantum.safety.process.ChildProcess;

/**
 * The product as a user runs it: the {@code quantum-safety} launcher of the repository root starting the runnable
 * jar that {@code mvn package} built (the launcher's own {@code QUANTUM_SAFETY_JAR} points it there, so it does not
 * build). The jar's tests are named {@code *IT} and run after {@code package} (see the cli POM); the POM passes both
 * paths as system properties.
 */
public final class Launcher {

    public static final String JAR_PROPERTY = "quantum.safety.jar";
    public static final String LAUNCHER_PROPERTY = "quantum.safety.launcher";

    /** One finished run. */
    public record Run(int exitCode, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final Path jar;
    private final Path launcher;

    private Launcher(Path jar, Path launcher) {
        this.jar = jar;
        this.launcher = launcher;
    }

    /** The launcher and the jar of this build; fails (never skips) when the build did not make them. */
    public static Launcher ofThisBuild() {
        String jar = System.getProperty(JAR_PROPERTY);
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        assertThat(jar).as("system property %s: the *IT tests run after package, from the cli POM's runnable-jar "
                + "execution of surefire (mvn verify)", JAR_PROPERTY).isNotBlank();
        assertThat(Path.of(jar)).as("the runnable jar").isRegularFile();
        assertThat(Path.of(launcher)).as("the launcher script").isRegularFile().isExecutable();
        return new Launcher(Path.of(jar), Path.of(launcher));
    }

    public Path jar() {
        return jar;
    }

    /**
     * A process builder for {@code quantum-safety ARGS} with a clean environment: none of the test JVM's
     * {@code QUANTUM_SAFETY_*} or {@code REDIS_*} settings, {@code java} of the JVM running the tests first on PATH.
     */
    public ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUANTUM_SAFETY_") || k.startsWith("REDIS_") || k.equals("JAVA_OPTS"));
        env.put("QUANTUM_SAFETY_JAR", jar.toString());
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                + env.getOrDefault("PATH", "/usr/bin:/bin"));
        return builder;
    }

    /**
     * Runs one command line through {@code sh -c}, as an operator pastes a printed command: the shell does the
     * quoting, and finds {@code quantum-safety} (the launcher) first on PATH. At most two minutes.
     */
    public Run shell(String commandLine) throws IOException, InterruptedException {
        ProcessBuilder builder = command();
        builder.command("sh", "-c", commandLine);
        builder.environment().put("PATH", launcher.toAbsolutePath().getParent() + java.io.File.pathSeparator
                + builder.environment().get("PATH"));
        ChildProcess.Completed run = ChildProcess.run(builder, "", Duration.ofSeconds(120));
        if (run.timedOut()) {
            throw new AssertionError(commandLine + " did not end within 120 s");
        }
        return new Run(run.exitCode(), run.output(), run.errors());
    }

    /** Runs {@code quantum-safety ARGS} to its end (at most a minute) with these extra env settings. */
    public Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = command(args);
        builder.environment().putAll(env);
        ChildProcess.Completed run = ChildProcess.run(builder, "", Duration.ofSeconds(60));
        if (run.timedOut()) {
            throw new AssertionError("quantum-safety " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Run(run.exitCode(), run.output(), run.errors());
    }
}
