package quantum.safety.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.process.ChildProcess;

/**
 * The launcher the package installs as /usr/bin/quantum-safety, next to the checkout's ./quantum-safety: the JVM
 * flags and the malloc arena cap are measured for both (and for the units, see SystemdUnitTest), so the two lists
 * must stay one; the installed one never builds and runs only the packaged jar.
 */
class PackagedLauncherTest {

    static final Path CHECKOUT = Path.of("..");
    static final Path PACKAGED = Path.of("src/deb/bin/quantum-safety");

    @Test
    void carriesTheCheckoutLaunchersJvmFlagsAndMallocArenaCap() throws IOException {
        String checkout = Files.readString(CHECKOUT.resolve("quantum-safety"));
        String packaged = Files.readString(PACKAGED);
        assertThat(defaultOpts(packaged)).isNotEmpty().containsExactlyElementsOf(defaultOpts(checkout));
        assertThat(packaged).contains("export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\"");
        assertThat(checkout).contains("export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\"");
        assertThat(packaged).contains("exec java \"${default_opts[@]}\" ${JAVA_OPTS:-} -jar \"$jar\" \"$@\"");
    }

    @Test
    void runsThePackagedJarAndNeverBuilds() throws IOException {
        String packaged = Files.readString(PACKAGED);
        assertThat(packaged).startsWith("#!/bin/bash\n").contains("jar=/usr/share/quantum-safety/quantum-safety.jar")
                .doesNotContain("mvn", "QUANTUM_SAFETY_JAR", "cli/target");
        assertThat(PACKAGED).isExecutable();
    }

    /** Without java on PATH: exit 2 and one line that says what to install, before anything else happens. */
    @Test
    void withoutJavaItExitsTwoNamingThePackageToInstall(@TempDir Path emptyPath) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", PACKAGED.toString(), "--version");
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", emptyPath.toString()));
        ChildProcess.Completed run = ChildProcess.run(builder, "", Duration.ofMinutes(1));
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.output()).isEmpty();
        assertThat(run.errors().lines().toList()).containsExactly(
                "quantum-safety: Java 17 or newer is needed (apt-get install default-jre-headless)");
    }

    /** The launcher's default_opts=( … ) array, flag by flag. */
    static List<String> defaultOpts(String launcher) {
        Matcher opts = Pattern.compile("default_opts=\\(([^)]*)\\)").matcher(launcher);
        assertThat(opts.find()).as("default_opts=( … ) in the launcher").isTrue();
        return List.of(opts.group(1).trim().split("\\s+"));
    }
}
