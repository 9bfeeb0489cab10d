package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;

/**
 * Where install manifests live (the backups themselves sit next to the files they back up); declared in
 * {@link OpsSetting}.
 */
@SettingsFrom(OpsSetting.class)
public final class BackupOptions {

    @Option(names = "--backup.dir", paramLabel = "DIR")
    Path dir;

    public Path dir() {
        return dir;
    }
}
