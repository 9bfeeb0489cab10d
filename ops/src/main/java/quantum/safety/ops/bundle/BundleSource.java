package quantum.safety.ops.bundle;

import java.util.Optional;

/**
 * Where the monitoring bundle's files come from: the {@code monitoring} module's classpath resources in the runnable
 * jar, or a folder such as the repository's {@code monitoring/} (operators who customise the bundle, tests).
 * Paths are relative to the bundle root, e.g. {@code prometheus/scrape-job.yml} (see {@link BundlePaths}).
 */
public interface BundleSource {

    /** The bytes of one bundle file, or empty when this source does not have it. */
    Optional<byte[]> read(String relativePath);

    /** Where the files come from, for messages ("classpath quantum/safety/monitoring/", "folder /opt/bundle"). */
    String describe();

    /** The folder the files come from, recorded with an install; empty for the bundle packaged in the jar. */
    default Optional<java.nio.file.Path> directory() {
        return Optional.empty();
    }

    /** The bytes of one bundle file; a missing file is the operator's to fix (wrong folder, incomplete jar). */
    default byte[] require(String relativePath) {
        return read(relativePath).orElseThrow(() -> new quantum.safety.ops.OpsInputException("bundle file '"
                + relativePath + "' is missing from " + describe()
                + "; pass --bundle.dir pointing at the monitoring/ folder of a Quantum Safety checkout"));
    }
}
