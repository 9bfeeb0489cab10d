package quantum.safety.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;

/**
 * What {@code quantum_safety_exporter_build_info} says about this exporter.
 *
 * @param version    the project version
 * @param git        the short commit the jar was built from
 * @param deployment the operator's name for this deployment ({@code --deployment})
 */
public record BuildIdentity(String version, String git, String deployment) {

    /** Where the runnable jar keeps its version and commit (written by the cli module's build). */
    static final String RESOURCE = "/quantum/safety/cli/build.properties";

    public BuildIdentity {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(git, "git");
        Objects.requireNonNull(deployment, "deployment");
    }

    /** Version and commit from the jar's build properties ({@code unknown} when absent). */
    public static BuildIdentity fromClasspath(String deployment) {
        Properties props = new Properties();
        try (InputStream in = BuildIdentity.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is an unknown build, not a reason to stop the exporter
        }
        return new BuildIdentity(clean(props.getProperty("version")), clean(props.getProperty("git")), deployment);
    }

    private static String clean(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.trim();
    }
}
