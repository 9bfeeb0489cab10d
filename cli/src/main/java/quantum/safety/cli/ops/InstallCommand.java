package quantum.safety.cli.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import quantum.safety.cli.DurationConverter;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.InstallRequest;
import quantum.safety.ops.Installer;
import quantum.safety.ops.backup.BackupStamp;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.RecalledSetup;
import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.plan.InstallPlan;
import quantum.safety.ops.verify.HostPort;

/** {@code quantum-safety ops install}; its own flags and those of its ops mixins are declared in {@link OpsSetting}. */
@SettingsFrom(OpsSetting.class)
@Command(name = "install", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Install the monitoring bundle into a running Prometheus (and optionally Alertmanager and Grafana):",
                "merge the scrape job into prometheus.yml keeping every other byte, copy the rule files, validate the "
                        + "candidates with promtool/amtool before anything goes live, back up what changes, write "
                        + "atomically, reload Prometheus (and Alertmanager), verify, and roll back by itself if "
                        + "verification finds monitoring broken (target down, rules not loaded, values not reaching "
                        + "Prometheus, alerts going nowhere). Untidy findings, such as an empty deployment label, are "
                        + "warnings with their fix; the install stays.",
                "Before anything is written it checks that Prometheus answers, runs --prometheus.config and can be "
                        + "reloaded, and that Alertmanager (when given) is ready; a failed try leaves no backup or "
                        + "manifest. The manifest records every address and file used, for verify, doctor, backups and "
                        + "rollback.",
                "With --remote-write.url it also adds one remote_write entry (ours, by name and marker comment) "
                        + "sending our jobs' series to a long-term store (Thanos Receive, Mimir, VictoriaMetrics…), "
                        + "credentials only from files. The manifest records it, so a later install without any "
                        + "--remote-write.* flag keeps it (the plan says from which install); --remote-write.url=none "
                        + "takes it out.",
                "Installing twice changes nothing the second time."},
        footer = {"", "Examples:",
                "  quantum-safety ops install --prometheus.config=/etc/prometheus/prometheus.yml \\",
                "      --prometheus.rules-dir=/etc/prometheus/rules --prometheus.url=http://127.0.0.1:9091 --dry-run",
                "  quantum-safety ops install --prometheus.config=/etc/prometheus/prometheus.yml \\",
                "      --prometheus.rules-dir=/etc/prometheus/rules --prometheus.url=http://127.0.0.1:9091 \\",
                "      --alertmanager.config=/etc/prometheus/alertmanager.yml --alertmanager.url=http://127.0.0.1:9093 \\",
                "      --grafana.provisioning-dir=/etc/grafana/provisioning/dashboards \\",
                "      --grafana.dashboards-dir=/var/lib/grafana/dashboards/quantum --yes",
                "  quantum-safety ops install … --job.decision-service=false --yes   # a host that runs no decision service",
                "  quantum-safety ops install … --job.archive=false --yes # a host that runs no audit archive",
                "  quantum-safety ops install … --remote-write.url=https://mimir.example.com/api/v1/push \\",
                "      --remote-write.username=trading --remote-write.password-file=/etc/prometheus/secrets/mimir \\",
                "      --remote-write.header=X-Scope-OrgID=trading --yes",
                "  quantum-safety ops install … --remote-write.url=none --yes   # stop sending to the long-term store",
                "  quantum-safety ops install … --yes --json | jq -c 'select(.event == \"CheckFailed\" or .event == \"Finished\")'",
                "", "Exit: 0 installed (or nothing to do; warnings allowed), 1 failed and rolled back, 2 bad input "
                        + "(nothing changed)."})
public final class InstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SetupOptions setup;

    @Option(names = "--job.environment", paramLabel = "NAME")
    String jobEnvironment;

    /** Null: neither the flag nor its env twin given, so the newest install's choice applies. */
    @Option(names = "--job.decision-service", arity = "0..1", fallbackValue = "true", paramLabel = "true|false")
    Boolean decisionServiceJob;

    /** Null: neither the flag nor its env twin given, so the newest install's choice applies. */
    @Option(names = "--job.archive", arity = "0..1", fallbackValue = "true", paramLabel = "true|false")
    Boolean archiveJob;
    @Mixin
    RemoteWriteOptions remoteWrite;

    @Option(names = "--backup.tag", paramLabel = "TAG")
    String tag;

    @Option(names = "--dry-run")
    boolean dryRun;

    @Option(names = "--force")
    boolean force;

    @Option(names = {"--yes", "-y"})
    boolean yes;

    @Option(names = "--no-reload", negatable = false)
    boolean noReload;

    @Option(names = "--no-verify", negatable = false)
    boolean noVerify;

    @Option(names = "--verify.timeout", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration verifyTimeout;

    @Mixin
    OutputOptions output;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() {
        return OpsInput.checked(this::install);
    }

    private int install() {
        logging.apply();
        return output.run(spec, events -> new Installer(request(), events).install());
    }

    /**
     * Install takes the setup as given, from flags and env only: it is the command that records one. What it recalls
     * is whether the decision service's and the audit archive's jobs go in and (in {@link Installer}) the remote
     * write, operator's choices that a later install must not undo.
     */
    private InstallRequest request() {
        BackupStamp.requireValidTag(tag);
        InstallSetup given = setup.given();
        Path config = required(given.prometheusConfig(), OpsSetting.PROMETHEUS_CONFIG,
                "the prometheus.yml Prometheus runs with", "/etc/prometheus/prometheus.yml");
        return InstallRequest.builder()
                .prometheusConfig(config)
                .rulesDir(required(given.rulesDir(), OpsSetting.PROMETHEUS_RULES_DIR, "the folder of Prometheus rule "
                        + "files", "/etc/prometheus/rules"))
                .decisionServiceJob(chosen(decisionServiceJob, given, ServiceJob.DECISION_SERVICE))
                .archiveJob(chosen(archiveJob, given, ServiceJob.ARCHIVE))
                .remoteWriteChoice(remoteWrite.choice())
                .prometheusUrl(given.prometheusUrlOrDefault())
                .alertmanagerConfig(path(given.alertmanagerConfig()))
                .alertmanagerUrl(given.alertmanagerUrl())
                .grafanaProvisioningDir(path(given.grafanaProvisioningDir()))
                .grafanaDashboardsDir(path(given.grafanaDashboardsDir()))
                .exporterAddress(given.exporterAddress() == null ? null
                        : HostPort.parse(OpsSetting.EXPORTER_ADDRESS.flag(), given.exporterAddress()))
                .bundle(SetupOptions.bundle(given))
                .jobEnvironment(jobEnvironment)
                .backupDir(path(given.backupDir()))
                .tag(tag)
                .dryRun(dryRun)
                .force(force)
                .reload(!noReload)
                .verify(!noVerify)
                .verifyTimeout(verifyTimeout)
                .promtool(setup.tools().promtool())
                .amtool(setup.tools().amtool())
                .confirm(Confirmation.of(yes, output.promptOut(spec), InstallPlan::diff))
                .build();
    }

    /** The flag (or its env twin), else the choice of the newest install recorded where this one records, else on. */
    private static boolean chosen(Boolean flag, InstallSetup given, ServiceJob service) {
        if (flag != null) {
            return flag;
        }
        return RecalledSetup.recall(given).setup().chosen(service);
    }

    private static Path required(String value, OpsSetting setting, String what, String example) {
        if (value == null) {
            throw new UsageException(setting.flag() + " is required; pass " + what + ", e.g. " + setting.flag() + "="
                    + example + " (env " + setting.env() + ")");
        }
        return Path.of(value);
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }
}
