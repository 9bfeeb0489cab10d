package quantum.safety.cli.ops;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.ops.Http;
import quantum.safety.ops.Rollback;
import quantum.safety.ops.RollbackRequest;

/** {@code quantum-safety ops rollback}. */
@Command(name = "rollback", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Undo an install: restore every file it changed byte for byte from its backup, delete the files it "
                + "created, validate the result with promtool first, reload Prometheus, and check that Prometheus runs "
                + "the restored files (our job and rules gone, or back to the chosen state).",
                "Refuses when a file was edited after the install (use --force: the edited file is backed up first)."},
        footer = {"", "Examples:",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml --yes",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml --to=install_qs_20260119_034418",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml \\",
                "      --to=/etc/prometheus/prometheus.yml.backup_p12_20260119_034418 --yes",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml --yes --json | tail -n 1",
                "", "Exit: 0 rolled back, 1 failed, 2 bad input (nothing changed)."})
public final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PrometheusOptions prometheus;

    @Option(names = "--to", paramLabel = "BACKUP", defaultValue = "${env:QUANTUM_SAFETY_ROLLBACK_TO}",
            description = {"What to go back to: an install id from 'ops backups' (that install and every later one are "
                    + "undone), or one backup file (legacy <file>.backup_<tag>_<date>_<time> too). Env: "
                    + "QUANTUM_SAFETY_ROLLBACK_TO. Default: the newest install."})
    String to;

    @Mixin
    BackupOptions backup;

    @Mixin
    ToolOptions tools;

    @Option(names = "--force", defaultValue = "${env:QUANTUM_SAFETY_FORCE:-false}",
            description = "Roll back files edited since the install (they are backed up first). Env: QUANTUM_SAFETY_FORCE.")
    boolean force;

    @Option(names = {"--yes", "-y"}, defaultValue = "${env:QUANTUM_SAFETY_ASSUME_YES:-false}",
            description = "Do not ask before changing files. Env: QUANTUM_SAFETY_ASSUME_YES.")
    boolean yes;

    @Option(names = "--no-reload", negatable = false, defaultValue = "${env:QUANTUM_SAFETY_NO_RELOAD:-false}",
            description = "Restore the files but do not reload Prometheus. Env: QUANTUM_SAFETY_NO_RELOAD.")
    boolean noReload;

    @Option(names = "--verify.timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:QUANTUM_SAFETY_VERIFY_TIMEOUT:-60s}",
            description = "How long to wait for Prometheus to drop our job and rules. Env: QUANTUM_SAFETY_VERIFY_TIMEOUT. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration verifyTimeout;

    @Mixin
    OutputOptions output;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() {
        return OpsInput.checked(this::rollBack);
    }

    private int rollBack() {
        logging.apply();
        return output.run(spec, events -> new Rollback(request(), events).run());
    }

    private RollbackRequest request() {
        return RollbackRequest.builder()
                .prometheusConfig(prometheus.requireConfig())
                .backupDir(backup.dir)
                .to(to)
                .prometheusUrl(Http.requireBaseUrl("--prometheus.url", prometheus.url()))
                .reload(!noReload)
                .verify(!noReload)
                .verifyTimeout(verifyTimeout)
                .force(force)
                .promtool(tools.promtool)
                .amtool(tools.amtool)
                .confirm(Confirmation.of(yes, output.promptOut(spec),
                        plan -> String.join("\n", HumanText.rollbackPlan(plan)) + "\n"))
                .build();
    }
}
