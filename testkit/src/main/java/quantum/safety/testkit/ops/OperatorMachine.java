package quantum.safety.testkit.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import quantum.safety.process.AlertmanagerProcess;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import quantum.safety.process.PrometheusProcess;
import quantum.safety.testkit.PrometheusStack;

/**
 * One operator machine for end-to-end tests, all on free loopback ports in one temporary folder: a real Prometheus
 * (lifecycle API on unless asked) running the operator's hand-kept prometheus.yml ({@link
 * PrometheusStack#operatorConfig}) with an operator rule file beside it, the real Alertmanager it sends to, a real
 * Redis, the exporter that reads it and that Prometheus scrapes, and the test bundle in {@code bundle/}. Tests using
 * it carry {@code @RequiresTools({"prometheus", "prometheus-alertmanager"})}.
 */
public final class OperatorMachine implements AutoCloseable {

    /** The exporter Prometheus scrapes, as the module under test runs it. */
    public interface Exporter extends AutoCloseable {

        /** The address it listens on: {@code 127.0.0.1}, or {@code ::1}. */
        String host();

        int port();

        /** Where it listens, as written in a Prometheus target list: {@code 127.0.0.1:PORT} or {@code [::1]:PORT}. */
        default String target() {
            return (host().contains(":") ? "[" + host() + "]" : host()) + ":" + port();
        }

        @Override
        void close();
    }

    /** Starts the exporter on the machine's Redis. */
    @FunctionalInterface
    public interface ExporterStarter {
        Exporter start(LocalRedis redis) throws IOException;
    }

    private final Path dir;
    private final Path config;
    private final LocalRedis redis;
    private final Exporter exporter;
    private final PrometheusStack stack;
    private final byte[] original;

    private OperatorMachine(Path dir, LocalRedis redis, Exporter exporter, String extraJob, boolean lifecycle,
                            String alertmanagerYaml) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("prometheus/prometheus.yml");
        this.redis = redis;
        this.exporter = exporter;
        Files.createDirectories(rulesDir());
        Files.writeString(rulesDir().resolve("operator_node.yml"), """
                groups:
                  - name: node
                    rules:
                      - alert: NodeDown
                        expr: up{job="node"} == 0
                        for: 5m
                """);
        BundleFixture.copyTo(bundleDir());
        String job = extraJob.replace("EXPORTER_PORT", String.valueOf(exporter.port()))
                .replace("EXPORTER", exporter.target());
        PrometheusStack.ConfigWriter writer = (prometheusPort, alertmanagerPort) -> Files.writeString(config,
                PrometheusStack.operatorConfig(prometheusPort, alertmanagerPort, job));
        if (alertmanagerYaml == null) {
            this.stack = PrometheusStack.start(writer, lifecycle);
        } else {
            Files.createDirectories(alertmanagerConfig().getParent());
            Files.writeString(alertmanagerConfig(), alertmanagerYaml);
            this.stack = PrometheusStack.start(alertmanagerConfig(), writer);
        }
        this.original = Files.readAllBytes(config);
    }

    /** {@link #start(String, boolean, ExporterStarter)} with no job of the operator's for the exporter, lifecycle on. */
    public static OperatorMachine start(ExporterStarter exporter) throws IOException {
        return start("", true, exporter);
    }

    /**
     * {@code extraJob}: YAML appended to the operator's scrape_configs, in which the word EXPORTER_PORT becomes the
     * exporter's port and EXPORTER its target; {@code lifecycle=false} makes Prometheus answer 403 to a reload, like a
     * default install.
     */
    public static OperatorMachine start(String extraJob, boolean lifecycle, ExporterStarter exporter)
            throws IOException {
        return start(extraJob, lifecycle, null, exporter);
    }

    /**
     * Like {@link #start(ExporterStarter)}, but the Alertmanager runs the operator's own config, {@code
     * alertmanagerYaml}, from {@link #alertmanagerConfig()}: the file an install with {@code --alertmanager.config}
     * replaces, so that a reload shows what Alertmanager really runs.
     */
    public static OperatorMachine startWithAlertmanagerConfig(String alertmanagerYaml, ExporterStarter exporter)
            throws IOException {
        return start("", true, alertmanagerYaml, exporter);
    }

    private static OperatorMachine start(String extraJob, boolean lifecycle, String alertmanagerYaml,
                                         ExporterStarter exporter) throws IOException {
        Path dir = Files.createTempDirectory("quantum-ops-e2e-");
        LocalRedis redis = null;
        Exporter started = null;
        try {
            redis = LocalRedis.start();
            started = exporter.start(redis);
            return new OperatorMachine(dir, redis, started, extraJob, lifecycle, alertmanagerYaml);
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                started.close();
            }
            if (redis != null) {
                redis.close();
            }
            ChildProcess.deleteQuietly(dir);
            throw e;
        }
    }

    /** The temporary folder everything of the operator's lives in. */
    public Path dir() {
        return dir;
    }

    /** The operator's prometheus.yml. */
    public Path config() {
        return config;
    }

    /** The folder the operator's rule files are in, and the bundle's go to. */
    public Path rulesDir() {
        return dir.resolve("prometheus/rules");
    }

    /** The test bundle ({@link BundleFixture}). */
    public Path bundleDir() {
        return dir.resolve("bundle");
    }

    /**
     * Where an install may write the Alertmanager config: nothing is there at first, unless the machine was started
     * {@linkplain #startWithAlertmanagerConfig with the operator's own}, which its Alertmanager then runs.
     */
    public Path alertmanagerConfig() {
        return dir.resolve("alertmanager/alertmanager.yml");
    }

    /** Where an install may write Grafana's provisioning file (nothing is there at first). */
    public Path grafanaProvisioning() {
        return dir.resolve("grafana/provisioning/dashboards");
    }

    /** Where an install may write the dashboard (nothing is there at first). */
    public Path grafanaDashboards() {
        return dir.resolve("grafana/dashboards/quantum");
    }

    /** prometheus.yml as the operator wrote it, before any command ran. */
    public byte[] original() {
        return original.clone();
    }

    /** The Redis the exporter reads. */
    public LocalRedis redis() {
        return redis;
    }

    public Exporter exporter() {
        return exporter;
    }

    public PrometheusProcess prometheus() {
        return stack.prometheus();
    }

    public AlertmanagerProcess alertmanager() {
        return stack.alertmanager();
    }

    /** Every file under the temporary folder except the bundle's, sorted. */
    public List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(bundleDir())).sorted().toList();
        }
    }

    /** Stops Prometheus, Alertmanager, the exporter and Redis, and removes the folder. */
    @Override
    public void close() {
        stack.close();
        exporter.close();
        redis.close();
        ChildProcess.deleteQuietly(dir);
    }
}
