package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.backup.ManifestStore;

/**
 * Where install manifests live (the backups themselves sit next to the files they back up); declared in
 * {@link OpsSetting}.
 */
@SettingsFrom(OpsSetting.class)
public final class BackupOptions {

    @Option(names = "--backup.dir", paramLabel = "DIR")
    Path dir;

    public ManifestStore store(Path prometheusConfig) {
        return new ManifestStore(dir != null ? dir : ManifestStore.defaultDirFor(prometheusConfig));
    }

    public Path dir() {
        return dir;
    }
}
