package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.bundle.DirectoryBundleSource;

/**
 * Where the monitoring bundle comes from: this jar, or a folder laid out like the repository's monitoring/; declared
 * in {@link OpsSetting}.
 */
@SettingsFrom(OpsSetting.class)
public final class BundleOptions {

    @Option(names = "--bundle.dir", paramLabel = "DIR")
    Path dir;

    public BundleSource source() {
        return dir == null ? ClasspathBundleSource.packaged() : new DirectoryBundleSource(dir);
    }
}
