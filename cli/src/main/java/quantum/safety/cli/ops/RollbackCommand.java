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
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.Http;
import quantum.safety.ops.Rollback;
import quantum.safety.ops.RollbackRequest;
import quantum.safety.ops.backup.RecalledSetup;

/** {@code quantum-safety ops rollback}; its own flags and those of its ops mixins are declared in {@link OpsSetting}. */
@SettingsFrom(OpsSetting.class)
@Command(name = "rollback", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Undo an install: restore every file it changed byte for byte from its backup, delete the files it "
                + "created (rules, Alertmanager config and templates, Grafana files), validate the result with "
                + "promtool/amtool first, reload the Prometheus the install used (and its Alertmanager, when the "
                + "install wrote Alertmanager files), and check that they run the restored files: our job and rules "
                + "gone, or back to the chosen state, and Alertmanager's receivers those of the restored config.",
                "Refuses when a file was edited after the install (use --force: the edited file is backed up first).",
                "The config, Prometheus, Alertmanager and manifests not given are the newest install's (--backup.dir, "
                        + "else next to --prometheus.config, else /etc/prometheus/quantum-safety-backups)."},
        footer = {"", "Examples:",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml --yes",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml --to=install_qs_20260119_034418",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml \\",
                "      --to=/etc/prometheus/prometheus.yml.backup_p12_20260119_034418 --yes",
                "  quantum-safety ops rollback --prometheus.config=/etc/prometheus/prometheus.yml --yes --json | tail -n 1",
                "", "Exit: 0 rolled back, 1 failed (a reload failed or a service does not run the restored files; the "
                        + "summary gives the command to retry), 2 bad input (nothing changed)."})
public final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SetupOptions setup;

    @Option(names = "--to", paramLabel = "BACKUP")
    String to;

    @Option(names = "--force")
    boolean force;

    @Option(names = {"--yes", "-y"})
    boolean yes;

    @Option(names = "--no-reload", negatable = false)
    boolean noReload;

    @Option(names = "--verify.timeout", paramLabel = "DURATION", converter = DurationConverter.class)
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
        return output.run(spec, events -> {
            RecalledSetup recalled = setup.recall(events);
            return new Rollback(request(recalled), events).run();
        });
    }

    /** The config, Prometheus and manifests given, else the ones the newest install recorded. */
    private RollbackRequest request(RecalledSetup recalled) {
        return RollbackRequest.builder()
                .prometheusConfig(recalled.requirePrometheusConfig())
                .backupDir(recalled.store().dir())
                .to(to)
                .prometheusUrl(recalled.setup().prometheusUrlOrDefault())
                .alertmanagerUrl(recalled.setup().alertmanagerUrl() == null ? null
                        : Http.requireBaseUrl(OpsSetting.ALERTMANAGER_URL.flag(), recalled.setup().alertmanagerUrl()))
                .reload(!noReload)
                .verify(!noReload)
                .verifyTimeout(verifyTimeout)
                .force(force)
                .promtool(setup.tools().promtool())
                .amtool(setup.tools().amtool())
                .confirm(Confirmation.of(yes, output.promptOut(spec),
                        plan -> String.join("\n", HumanText.rollbackPlan(plan)) + "\n"))
                .build();
    }
}
