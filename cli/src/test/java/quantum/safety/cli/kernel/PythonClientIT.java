package quantum.safety.cli.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import quantum.safety.cli.Launcher;
import quantum.safety.process.ChildProcess;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.ToolCondition;

/**
 * The Python router's client ({@code clients/python/safety_kernel.py}) passes its pytest suite against the decision
 * service of the jar this build made: the suite starts its own redis-server and {@code kernel serve} instances
 * (plain, basic auth, TLS with client certificates) and runs the legacy kernel's reference side by side.
 */
@RequiresTools({"python3", "redis-server", "openssl"})
class PythonClientIT {

    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @Test
    void thePythonClientPassesItsTestsAgainstTheServiceOfThisBuild() throws Exception {
        Launcher launcher = Launcher.ofThisBuild();
        Path repo = Path.of(System.getProperty(Launcher.LAUNCHER_PROPERTY)).toAbsolutePath().getParent();
        requirePythonModules(repo, "pytest", "redis");

        ProcessBuilder pytest = python(repo, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                "clients/python/tests");
        pytest.environment().put("QUANTUM_SAFETY_JAR", launcher.jar().toString());
        ChildProcess.Completed run = ChildProcess.run(pytest, "", DEADLINE);

        assertThat(run.succeeded()).as("pytest of the Python client:\n%s", run.describe()).isTrue();
        assertThat(run.output()).as(run.describe()).containsPattern("\\d+ passed").doesNotContain("failed");
    }

    /** The modules are not programs on PATH: skipped locally with a message, a failure under CI. */
    private static void requirePythonModules(Path repo, String... modules) throws Exception {
        ChildProcess.Completed check = ChildProcess.run(python(repo, "-c", "import " + String.join(", ", modules)),
                "", Duration.ofSeconds(60));
        String message = "needs the Python modules " + List.of(modules)
                + " (apt-get install python3-pytest python3-redis): " + check.output().strip();
        if (!check.succeeded() && ToolCondition.isCi()) {
            throw new IllegalStateException("CI=true but this test " + message + "; .ci/run must install them");
        }
        if (!check.succeeded()) {
            System.err.println("[SKIPPED] PythonClientIT: " + message);
        }
        Assumptions.assumeTrue(check.succeeded(), message);
    }

    /**
     * python3 in the repository with a clean environment: no kernel, service or Redis settings of this JVM, this JVM's
     * java first on PATH (the suite starts the service with it), and no bytecode written into the checkout.
     */
    private static ProcessBuilder python(Path repo, String... args) {
        ProcessBuilder builder = new ProcessBuilder("python3").directory(repo.toFile()).redirectErrorStream(true);
        builder.command().addAll(List.of(args));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUANTUM_SAFETY_") || k.startsWith("SAFETY_") || k.startsWith("REDIS_")
                || k.equals("JAVA_OPTS"));
        Path javaHome = Path.of(System.getProperty("java.home"));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("PATH", javaHome.resolve("bin") + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        return builder;
    }
}
