package quantum.safety.cli.ops;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.OpsResult;
import quantum.safety.ops.backup.BackupListing;
import quantum.safety.ops.backup.BackupPruner;
import quantum.safety.ops.backup.RecalledSetup;

/** {@code quantum-safety ops backups}; its own flags and those of its ops mixins are declared in {@link OpsSetting}. */
@SettingsFrom(OpsSetting.class)
@Command(name = "backups", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"List the installs that can be rolled back (id, tag, time, state, files) and the backup files next "
                + "to prometheus.yml, legacy ones included, each with the complete command that rolls back to it.",
                "With --prune N, first remove all but the newest N installs (their manifests and backups); with "
                        + "--dry-run, only say what would go."},
        footer = {"", "Examples:", "  quantum-safety ops backups --prometheus.config=/etc/prometheus/prometheus.yml",
                "  quantum-safety ops backups --backup.dir=/etc/prometheus/quantum-safety-backups --prune=5 --dry-run",
                "  quantum-safety ops backups --prometheus.config=/etc/prometheus/prometheus.yml --json \\",
                "      | jq -r 'select(.event == \"BackupsListed\") | .installs[] | select(.rolledBackAt == null) | .id'",
                "", "Exit: 0 listed (and pruned), 2 bad input (a missing config or folder; nothing removed)."})
public final class BackupsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SetupOptions setup;

    @Option(names = "--prune", paramLabel = "N")
    Integer prune;

    @Option(names = "--dry-run")
    boolean dryRun;

    @Mixin
    OutputOptions output;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() {
        return OpsInput.checked(this::list);
    }

    private int list() {
        logging.apply();
        return output.run(spec, events -> {
            RecalledSetup recalled = setup.recall(events);
            Path config = recalled.requirePrometheusConfig().toAbsolutePath().normalize();
            BackupListing.requireConfig(config);
            String pruned = "";
            if (prune != null) {
                int removed = BackupPruner.prune(recalled.store(), prune, dryRun, events);
                pruned = (dryRun ? removed + " install(s) would be pruned; " : removed + " install(s) pruned; ");
            }
            int found = BackupListing.list(config, recalled.store(), setup.given(), events);
            return OpsResult.ok(pruned + found + " install(s) and backup file(s) to roll back to");
        });
    }
}
