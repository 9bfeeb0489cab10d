package quantum.safety.cli.ops;

import java.time.Duration;
import java.util.List;
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
import quantum.safety.ops.OpsResult;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.RecalledSetup;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ServiceJob;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.ops.verify.ServiceJobToCheck;
import quantum.safety.ops.verify.Verifier;
import quantum.safety.ops.verify.VerifySettings;
import quantum.safety.ops.verify.VerifyStep;

/** {@code quantum-safety ops verify}; its own flags and those of its ops mixins are declared in {@link OpsSetting}. */
@SettingsFrom(OpsSetting.class)
@Command(name = "verify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Check, through the Prometheus HTTP API, that the integration works: the job's targets are up; the "
                + "scrape host resolves only to addresses where the exporter answers (localhost -> ::1 while the exporter "
                + "listens on 127.0.0.1 is caught); the decision service's job is scraped and up (a warning only, since "
                + "the service may be deployed later or elsewhere; not looked at when the install left the job out); "
                + "the rule groups are loaded with every expected rule and no evaluation error; Alertmanager is configured and ready; the exporter serves build info and is ready; and "
                + "Prometheus holds the values the exporter serves now; and, when Prometheus runs the remote_write entry "
                + "install adds with --remote-write.url, that it delivers samples (refused, retried, pending, lag; from "
                + "Prometheus' own /metrics) and that Prometheus scrapes itself so the remote-write alerts can fire "
                + "(warnings only).",
                "Each check prints PASSED, WARNING, FAILED or SKIPPED with its evidence; a WARNING (untidy, e.g. an empty "
                        + "deployment label) comes with its fix and does not fail the command.",
                "Addresses not given come from the newest install's manifest (--backup.dir, else next to "
                        + "--prometheus.config, else /etc/prometheus/quantum-safety-backups)."},
        footer = {"", "Examples:",
                "  quantum-safety ops verify",
                "  quantum-safety ops verify --prometheus.url=http://127.0.0.1:9091",
                "  quantum-safety ops verify --prometheus.url=http://127.0.0.1:9091 --alertmanager.url=http://127.0.0.1:9093 \\",
                "      --exporter.address=127.0.0.1:9105 --wait=30s",
                "  quantum-safety ops verify --json | jq -r 'select(.event == \"CheckFailed\") | .name + \": \" + .fix'",
                "", "Exit: 0 nothing failed (warnings allowed), 1 any failed, 2 bad input."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SetupOptions setup;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration wait;

    @Mixin
    OutputOptions output;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() {
        return OpsInput.checked(this::verify);
    }

    private int verify() {
        logging.apply();
        return output.run(spec, events -> {
            RecalledSetup recalled = setup.recall(events);
            VerifySettings settings = settings(recalled);
            List<CheckResult> results = VerifyStep.run(settings, wait, Duration.ofSeconds(1), events);
            List<String> warned = Verifier.warningNames(results);
            return Verifier.passed(results) ? OpsResult.ok("verification passed" + (warned.isEmpty() ? ""
                    : " with " + warned.size() + " warning(s): " + warned + "; see each fix above"))
                    : OpsResult.failed("verification failed: " + Verifier.failedNames(results));
        });
    }

    /**
     * What verify (and doctor) check: the addresses given, else the ones the newest install recorded. A recorded URL
     * is checked like a given one (an older install may have recorded credentials in it), before any of it is shown.
     */
    public static VerifySettings settings(RecalledSetup recalled) {
        InstallSetup setup = recalled.setup();
        BundleSource bundle = SetupOptions.bundle(setup);
        return VerifySettings.builder()
                .prometheusUrl(Http.requireBaseUrl(OpsSetting.PROMETHEUS_URL.flag(), setup.prometheusUrlOrDefault()))
                .exporter(HostPort.parse(OpsSetting.EXPORTER_ADDRESS.flag(), setup.exporterAddressOrDefault()))
                .expectedRules(ExpectedRules.fromBundle(bundle))
                .alertmanagerUrl(setup.alertmanagerUrl() == null ? null
                        : Http.requireBaseUrl(OpsSetting.ALERTMANAGER_URL.flag(), setup.alertmanagerUrl()))
                .serviceJob(ServiceJobToCheck.of(setup, bundle).orElse(null))
                .archiveJob(ServiceJobToCheck.of(ServiceJob.ARCHIVE, setup, bundle).orElse(null))
                .setup(setup)
                .build();
    }
}
