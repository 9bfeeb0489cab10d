package quantum.safety.cli.doctor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import quantum.safety.cli.LoggingOptions;
import quantum.safety.cli.RedisOptions;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.ops.OpsInput;
import quantum.safety.cli.ops.SetupOptions;
import quantum.safety.cli.ops.VerifyCommand;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.RecalledSetup;
import quantum.safety.ops.doctor.Doctor;
import quantum.safety.ops.doctor.DoctorSettings;
import quantum.safety.ops.doctor.JsonReport;
import quantum.safety.ops.doctor.MarkdownReport;
import quantum.safety.ops.doctor.Report;
import quantum.safety.ops.verify.Status;
import quantum.safety.ops.verify.VerifySettings;

/**
 * {@code quantum-safety doctor}: the integration report, generated. Its own flags are declared in {@link DoctorSetting};
 * the ops option classes it shares bring theirs from {@code OpsSetting}.
 */
@SettingsFrom(DoctorSetting.class)
@Command(name = "doctor", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Write the integration report: every 'ops verify' check plus the exporter's hygiene, dashboard "
                + "provisioning, reload safety, rollback readiness and the shared state in Redis (reachable, version, "
                + "key types, SAFE MODE, kill switch, fault stream, kernel counters).",
                "Sections as in the deployment report: Prometheus scraping, alert rules, Alertmanager, dashboard "
                        + "provisioning, reload safety, rollback readiness, exporter hygiene, system state; each check "
                        + "PASSED, FAILED or SKIPPED with its evidence and, when failed, the fix.",
                "Markdown to stdout by default; JSON with --json. Addresses and files not given come from the newest "
                        + "install's manifest; what neither gives makes its section SKIPPED."},
        footer = {"", "Examples:",
                "  quantum-safety doctor --prometheus.url=http://127.0.0.1:9091",
                "  quantum-safety doctor --prometheus.url=http://127.0.0.1:9091 --prometheus.config=/etc/prometheus/prometheus.yml \\",
                "      --alertmanager.url=http://127.0.0.1:9093 --grafana.provisioning-dir=/etc/grafana/provisioning/dashboards \\",
                "      --grafana.dashboards-dir=/var/lib/grafana/dashboards/quantum --output=integration-report.md",
                "  quantum-safety doctor --json | jq '.sections[] | select(.status==\"FAILED\")'",
                "", "Exit: 0 nothing failed, 1 a check failed, 2 bad input."})
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SetupOptions setup;

    @Mixin
    RedisOptions redis;

    @Option(names = "--json")
    boolean json;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE")
    Path output;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() {
        return OpsInput.checked(this::examine);
    }

    private int examine() {
        logging.apply();
        RecalledSetup recalled = setup.recall();
        InstallSetup known = recalled.setup();
        VerifySettings verify = VerifyCommand.settings(recalled);
        if (output != null && output.toAbsolutePath().getParent() != null && !Files.isDirectory(output.toAbsolutePath().getParent())) {
            throw new UsageException(DoctorSetting.OUTPUT.flag() + " " + output + ": folder "
                    + output.toAbsolutePath().getParent() + " does not exist; create it or write elsewhere");
        }
        DoctorSettings settings = DoctorSettings.builder()
                .verify(verify)
                .prometheusConfig(path(known.prometheusConfig()))
                .alertmanagerConfig(path(known.alertmanagerConfig()))
                .grafanaProvisioningDir(path(known.grafanaProvisioningDir()))
                .grafanaDashboardsDir(path(known.grafanaDashboardsDir()))
                .backupDir(recalled.store().dir())
                .promtool(setup.tools().promtool())
                .amtool(setup.tools().amtool())
                .redis(() -> redis.connector("quantum-safety-doctor").open(), redis.endpoint().toString())
                .schema(redis.schema())
                .build();
        Report report = new Doctor(settings, Clock.systemDefaultZone()).run();
        String text = json ? JsonReport.render(report) : MarkdownReport.render(report);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(text);
        } else {
            try {
                Files.writeString(output, text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            }
            out.println("doctor: " + report.verdict() + " (" + report.count(Status.PASSED) + " passed, "
                    + report.count(Status.WARNING) + " warnings, " + report.count(Status.FAILED) + " failed, "
                    + report.count(Status.SKIPPED) + " skipped) -> " + output);
        }
        out.flush();
        return report.verdict() == Status.FAILED ? 1 : 0;
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }
}
