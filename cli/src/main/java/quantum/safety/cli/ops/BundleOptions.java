package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.bundle.DirectoryBundleSource;

/** Where the monitoring bundle comes from: this jar, or a folder laid out like the repository's monitoring/. */
public final class BundleOptions {

    @Option(names = "--bundle.dir", paramLabel = "DIR", defaultValue = "${env:QUANTUM_SAFETY_BUNDLE_DIR}",
            description = {"Use the bundle files in this folder (layout of the repository's monitoring/) instead of "
                    + "the ones in this jar. Env: QUANTUM_SAFETY_BUNDLE_DIR.", "Example: --bundle.dir=./monitoring"})
    Path dir;

    public BundleSource source() {
        return dir == null ? ClasspathBundleSource.packaged() : new DirectoryBundleSource(dir);
    }
}
