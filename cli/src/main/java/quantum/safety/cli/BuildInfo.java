package quantum.safety.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** Version and git commit stamped into the jar at build time. */
public record BuildInfo(String version, String git) {

    public static BuildInfo load() {
        Properties props = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(clean(props.getProperty("version")), clean(props.getProperty("git")));
    }

    private static String clean(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }

    /** picocli's {@code --version}. */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo info = load();
            return new String[] {"quantum-safety " + info.version() + " (git " + info.git() + ", java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
