package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.ops.backup.ManifestStore;

/** Where install manifests live (the backups themselves sit next to the files they back up). */
public final class BackupOptions {

    @Option(names = "--backup.dir", paramLabel = "DIR", defaultValue = "${env:QUANTUM_SAFETY_BACKUP_DIR}",
            description = "Folder of install manifests. Env: QUANTUM_SAFETY_BACKUP_DIR. Default: quantum-safety-backups "
                    + "next to prometheus.yml.")
    Path dir;

    public ManifestStore store(Path prometheusConfig) {
        return new ManifestStore(dir != null ? dir : ManifestStore.defaultDirFor(prometheusConfig));
    }

    public Path dir() {
        return dir;
    }
}
