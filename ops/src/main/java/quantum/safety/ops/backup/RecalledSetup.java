package quantum.safety.ops.backup;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.commands.OperatorCommands;

/**
 * The setup a command works with: what the operator gave it (flags and their env twins) over what the newest install
 * recorded in its manifest. The manifests are looked for in {@code --backup.dir}, else next to
 * {@code --prometheus.config}, else next to Debian's {@code /etc/prometheus/prometheus.yml}.
 *
 * @param setup the merged setup, its backup folder the one the manifests were looked for in
 * @param from  the manifest that filled in what was not given, if there was one
 */
public record RecalledSetup(InstallSetup setup, ManifestStore store, Optional<Manifest> from) {

    /** Reads the newest manifest where {@code given} says (or the default folder) and fills in what it lacks. */
    public static RecalledSetup recall(InstallSetup given) {
        boolean told = given.backupDir() != null || given.prometheusConfig() != null;
        Path dir = given.backupDir() != null ? Path.of(given.backupDir())
                : ManifestStore.defaultDirFor(given.prometheusConfig() != null ? Path.of(given.prometheusConfig())
                : InstallSetup.DEFAULT_PROMETHEUS_CONFIG);
        ManifestStore store = new ManifestStore(dir);
        Optional<Manifest> newest;
        try {
            newest = store.newest();
        } catch (UncheckedIOException e) {
            if (told) {
                throw new OpsInputException((given.backupDir() != null ? "--backup.dir " : "the manifest folder ")
                        + store.dir() + ": " + e.getMessage() + "; run as the user that owns it, or pass --backup.dir");
            }
            // The default folder is only a guess: one we may not read (not root) means no install to recall.
            newest = Optional.empty();
        }
        InstallSetup recorded = newest.map(Manifest::setup).orElse(InstallSetup.NONE);
        return new RecalledSetup(given.orElse(recorded).withBackupDir(store.dir()), store, newest);
    }

    /** The commands to print, with this setup's addresses and files. */
    public OperatorCommands commands() {
        return new OperatorCommands(setup);
    }

    /** The prometheus.yml given or recorded; exit 2 naming both ways to give it when there is none. */
    public Path requirePrometheusConfig() {
        if (setup.prometheusConfig() == null) {
            throw new OpsInputException("--prometheus.config is required: no install is recorded in " + store.dir()
                    + " to take it from. Pass the prometheus.yml Prometheus runs with, e.g. "
                    + "--prometheus.config=/etc/prometheus/prometheus.yml, or --backup.dir where the install kept its "
                    + "manifests");
        }
        return Path.of(setup.prometheusConfig());
    }
}
