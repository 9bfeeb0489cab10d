package quantum.safety.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.DirectoryBundleSource;
import quantum.safety.ops.event.EventLog;
import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.verify.HostPort;
import quantum.safety.process.AlertmanagerProcess;
import quantum.safety.process.LocalRedis;
import quantum.safety.process.PrometheusProcess;
import quantum.safety.testkit.ops.OperatorMachine;

/**
 * The testkit's {@link OperatorMachine} with the real exporter bound to 127.0.0.1 only (like the legacy exporter),
 * and what the ops library's tests do on it: install the test bundle, roll back, record what the commands reported.
 */
public final class OpsEnvironment implements AutoCloseable {

    private final OperatorMachine machine;
    private final DirectoryBundleSource bundle;
    private final EventLog events = new EventLog();

    private OpsEnvironment(OperatorMachine machine) {
        this.machine = machine;
        this.bundle = new DirectoryBundleSource(machine.bundleDir());
    }

    public static OpsEnvironment start() throws IOException {
        return start("", true);
    }

    /** As {@link OperatorMachine#start(String, boolean, OperatorMachine.ExporterStarter)}. */
    public static OpsEnvironment start(String extraJob, boolean lifecycle) throws IOException {
        return new OpsEnvironment(OperatorMachine.start(extraJob, lifecycle, RealExporter::startOnLoopbackV4));
    }

    /** With the exporter {@code exporter} starts (another address, another build identity). */
    public static OpsEnvironment start(OperatorMachine.ExporterStarter exporter) throws IOException {
        return new OpsEnvironment(OperatorMachine.start(exporter));
    }

    /** As {@link OperatorMachine#startWithAlertmanagerConfig}: Alertmanager runs {@code alertmanagerYaml}. */
    public static OpsEnvironment startWithAlertmanagerConfig(String alertmanagerYaml) throws IOException {
        return new OpsEnvironment(OperatorMachine.startWithAlertmanagerConfig(alertmanagerYaml,
                RealExporter::startOnLoopbackV4));
    }

    /** An install of the test bundle into this machine, scraping the exporter. */
    public InstallRequest.Builder install() {
        return InstallRequest.builder()
                .prometheusConfig(config())
                .rulesDir(rulesDir())
                .prometheusUrl(prometheus().url())
                .bundle(bundle)
                .exporterAddress(exporterAddress())
                .verifyTimeout(Duration.ofSeconds(30));
    }

    public RollbackRequest.Builder rollback() {
        return RollbackRequest.builder().prometheusConfig(config()).prometheusUrl(prometheus().url())
                .verifyTimeout(Duration.ofSeconds(30));
    }

    /** What the commands run on this machine reported, in order. */
    public EventLog events() {
        return events;
    }

    public DirectoryBundleSource bundle() {
        return bundle;
    }

    /**
     * Appends the decision service's job to this machine's bundle (the test bundle has the exporter's only), scraped
     * every second, at {@code target}.
     */
    public void addServiceJobToTheBundle(String target) throws IOException {
        addJobToTheBundle(BundlePaths.SERVICE_JOB_NAME, "safety-kernel", target);
    }

    /** The same for the audit archive's job. */
    public void addArchiveJobToTheBundle(String target) throws IOException {
        addJobToTheBundle(BundlePaths.ARCHIVE_JOB_NAME, "safety-archive", target);
    }

    private void addJobToTheBundle(String name, String service, String target) throws IOException {
        Path scrapeJob = bundle.directory().orElseThrow().resolve("prometheus/scrape-job.yml");
        Files.writeString(scrapeJob, Files.readString(scrapeJob) + """
                  - job_name: %s
                    scrape_interval: 1s
                    scrape_timeout: 1s
                    static_configs:
                      - targets: ['%s']
                        labels:
                          service: %s
                          component: quantum-trader
                """.formatted(name, target, service));
    }

    /** A loopback port nothing listens on: a service "not deployed". */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public ExpectedRules expectedRules() {
        return ExpectedRules.fromBundle(bundle);
    }

    public HostPort exporterAddress() {
        return new HostPort(machine.exporter().host(), machine.exporter().port());
    }

    /** Stops the exporter (Prometheus then sees the target down). */
    public void stopExporter() {
        machine.exporter().close();
    }

    public Path dir() {
        return machine.dir();
    }

    public Path config() {
        return machine.config();
    }

    public byte[] configBytes() throws IOException {
        return Files.readAllBytes(config());
    }

    /** prometheus.yml as the operator wrote it. */
    public byte[] original() {
        return machine.original();
    }

    public Path rulesDir() {
        return machine.rulesDir();
    }

    public Path alertmanagerConfig() {
        return machine.alertmanagerConfig();
    }

    public Path grafanaProvisioning() {
        return machine.grafanaProvisioning();
    }

    public Path grafanaDashboards() {
        return machine.grafanaDashboards();
    }

    /** The Redis the exporter reads. */
    public LocalRedis redis() {
        return machine.redis();
    }

    public PrometheusProcess prometheus() {
        return machine.prometheus();
    }

    public AlertmanagerProcess alertmanager() {
        return machine.alertmanager();
    }

    /** Every file under the machine's folder except the bundle's, sorted. */
    public List<Path> files() throws IOException {
        return machine.files();
    }

    @Override
    public void close() {
        machine.close();
    }
}
