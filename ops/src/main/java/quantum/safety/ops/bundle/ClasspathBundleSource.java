package quantum.safety.ops.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The bundle as packaged by the {@code monitoring} module: resources under {@code quantum/safety/monitoring/}, the
 * same relative paths as the repository's {@code monitoring/} folder.
 */
public final class ClasspathBundleSource implements BundleSource {

    public static final String DEFAULT_PREFIX = "quantum/safety/monitoring/";

    private final ClassLoader loader;
    private final String prefix;

    public ClasspathBundleSource(ClassLoader loader, String prefix) {
        this.loader = loader;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** The packaged bundle. */
    public static ClasspathBundleSource packaged() {
        return new ClasspathBundleSource(ClasspathBundleSource.class.getClassLoader(), DEFAULT_PREFIX);
    }

    @Override
    public Optional<byte[]> read(String relativePath) {
        try (InputStream in = loader.getResourceAsStream(prefix + relativePath)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundle resource " + prefix + relativePath, e);
        }
    }

    @Override
    public String describe() {
        return "the classpath (" + prefix + ")";
    }
}
