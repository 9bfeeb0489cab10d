package quantum.safety.cli.ops;

import picocli.CommandLine.Mixin;
import quantum.safety.ops.Http;
import quantum.safety.ops.backup.InstallSetup;
import quantum.safety.ops.backup.RecalledSetup;
import quantum.safety.ops.event.OpsEvent;
import quantum.safety.ops.event.OpsEvent.SetupNotFound;
import quantum.safety.ops.event.OpsEvent.SetupRecalled;
import quantum.safety.ops.event.OpsListener;
import quantum.safety.ops.bundle.BundleSource;
import quantum.safety.ops.bundle.ClasspathBundleSource;
import quantum.safety.ops.bundle.DirectoryBundleSource;
import quantum.safety.ops.verify.HostPort;

/**
 * The one option set of install, verify, rollback, backups and doctor: where Prometheus, its files, the exporter,
 * Alertmanager, Grafana's folders, the bundle, the manifests and the validators are. Every one of those commands
 * takes every one of these flags, so one set of flags (or env variables) serves them all; a command that has no use
 * for one accepts it, and its help says so. What the operator leaves out, verify, rollback, backups and doctor take
 * from the newest install's manifest ({@link #recall()}).
 */
public final class SetupOptions {

    @Mixin
    PrometheusOptions prometheus;

    @Mixin
    ExporterOptions exporter;

    @Mixin
    AlertmanagerOptions alertmanager;

    @Mixin
    GrafanaOptions grafana;

    @Mixin
    BundleOptions bundle;

    @Mixin
    BackupOptions backup;

    @Mixin
    ToolOptions tools;

    /** What the flags and their env twins say, nothing else; a bad URL or address exits 2 naming its flag. */
    public InstallSetup given() {
        HostPort exporterAddress = exporter.addressOrNull();
        return InstallSetup.builder()
                .prometheusUrl(prometheus.url() == null ? null
                        : Http.requireBaseUrl(OpsSetting.PROMETHEUS_URL.flag(), prometheus.url()))
                .prometheusConfig(prometheus.config())
                .rulesDir(prometheus.rulesDir())
                .exporterAddress(exporterAddress == null ? null : exporterAddress.toString())
                .alertmanagerUrl(alertmanager.url() == null ? null
                        : Http.requireBaseUrl(OpsSetting.ALERTMANAGER_URL.flag(), alertmanager.url()))
                .alertmanagerConfig(alertmanager.config())
                .grafanaProvisioningDir(grafana.provisioningDir())
                .grafanaDashboardsDir(grafana.dashboardsDir())
                .bundleDir(bundle.dir)
                .backupDir(backup.dir())
                .build();
    }

    /** What was given, over what the newest install recorded (found through --backup.dir or --prometheus.config). */
    public RecalledSetup recall() {
        return RecalledSetup.recall(given());
    }

    /** {@link #recall()}, saying which install's setup fills in what was not given, or that none was found. */
    public RecalledSetup recall(OpsListener events) {
        RecalledSetup recalled = recall();
        events.on(recalled.from().<OpsEvent>map(m -> new SetupRecalled(m.id(), recalled.store().pathOf(m.id())))
                .orElseGet(() -> new SetupNotFound(recalled.store().dir())));
        return recalled;
    }

    /** The bundle a setup names: its folder, else the one packaged in this jar. */
    public static BundleSource bundle(InstallSetup setup) {
        return setup.bundleDir() == null ? ClasspathBundleSource.packaged()
                : new DirectoryBundleSource(java.nio.file.Path.of(setup.bundleDir()));
    }

    public PrometheusOptions prometheus() {
        return prometheus;
    }

    public ToolOptions tools() {
        return tools;
    }
}
