package quantum.safety.cli.ops;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.ops.OpsResult;
import quantum.safety.ops.backup.BackupListing;

/** {@code quantum-safety ops backups}. */
@Command(name = "backups", sortOptions = false, mixinStandardHelpOptions = true,
        description = "List the installs that can be rolled back (id, tag, time, state, files) and the backup files next "
                + "to prometheus.yml, legacy ones included.",
        footer = {"", "Examples:", "  quantum-safety ops backups --prometheus.config=/etc/prometheus/prometheus.yml",
                "  quantum-safety ops backups --prometheus.config=/etc/prometheus/prometheus.yml --json \\",
                "      | jq -r 'select(.event == \"BackupsListed\") | .installs[] | select(.rolledBackAt == null) | .id'"})
public final class BackupsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PrometheusOptions prometheus;

    @Mixin
    BackupOptions backup;

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
            Path config = prometheus.requireConfig().toAbsolutePath().normalize();
            int found = BackupListing.list(config, backup.store(config), events);
            return OpsResult.ok(found + " install(s) and backup file(s) to roll back to");
        });
    }
}
