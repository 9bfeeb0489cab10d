package quantum.safety.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import quantum.safety.ops.bundle.DirectoryBundleSource;
import quantum.safety.ops.event.EventLog;
import quantum.safety.process.AlertmanagerProcess;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import quantum.safety.process.PrometheusProcess;
import quantum.safety.testkit.PrometheusStack;

/**
 * One operator machine for end-to-end tests: a real Prometheus (lifecycle API on unless asked) running the operator's
 * prometheus.yml from {@link PrometheusStack#operatorConfig}, a real Alertmanager it sends to (the testkit's
 * {@link PrometheusStack}), a real Redis and the real exporter reading it, bound to 127.0.0.1 only (like the legacy
 * exporter), all on free loopback ports in one temporary folder.
 */
final class OpsEnvironment implements AutoCloseable {

    final Path dir;
    final Path config;
    final Path rulesDir;
    final DirectoryBundleSource bundle;
    final LocalRedis redis;
    final RealExporter exporter;
    final PrometheusStack stack;
    final AlertmanagerProcess alertmanager;
    final PrometheusProcess prometheus;
    final byte[] original;
    /** What the commands run on this machine reported, in order. */
    final EventLog events = new EventLog();

    private OpsEnvironment(Path dir, String extraJob, boolean lifecycle) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("prometheus/prometheus.yml");
        this.rulesDir = dir.resolve("prometheus/rules");
        Files.createDirectories(rulesDir);
        Files.writeString(rulesDir.resolve("operator_node.yml"), """
                groups:
                  - name: node
                    rules:
                      - alert: NodeDown
                        expr: up{job="node"} == 0
                        for: 5m
                """);
        this.bundle = Fixtures.bundle(dir.resolve("bundle"));
        this.redis = LocalRedis.start();
        this.exporter = RealExporter.startOnLoopbackV4(redis);
        String job = extraJob.replace("EXPORTER_PORT", String.valueOf(exporter.port()))
                .replace("EXPORTER", exporter.address().toString());
        this.stack = PrometheusStack.start((prometheusPort, alertmanagerPort) -> Files.writeString(config,
                PrometheusStack.operatorConfig(prometheusPort, alertmanagerPort, job)), lifecycle);
        this.original = Files.readAllBytes(config);
        this.alertmanager = stack.alertmanager();
        this.prometheus = stack.prometheus();
    }

    static OpsEnvironment start() throws IOException {
        return start("", true);
    }

    /** {@code extraJob}: YAML appended to scrape_configs; the word EXPORTER becomes the exporter's address. */
    static OpsEnvironment start(String extraJob, boolean lifecycle) throws IOException {
        return new OpsEnvironment(Files.createTempDirectory("quantum-ops-e2e-"), extraJob, lifecycle);
    }

    /** An install of the fixture bundle into this machine, scraping the exporter. */
    InstallRequest.Builder install() {
        return InstallRequest.builder()
                .prometheusConfig(config)
                .rulesDir(rulesDir)
                .prometheusUrl(prometheus.url())
                .bundle(bundle)
                .exporterAddress(exporter.address())
                .verifyTimeout(Duration.ofSeconds(30));
    }

    RollbackRequest.Builder rollback() {
        return RollbackRequest.builder().prometheusConfig(config).prometheusUrl(prometheus.url())
                .verifyTimeout(Duration.ofSeconds(30));
    }

    byte[] configBytes() throws IOException {
        return Files.readAllBytes(config);
    }

    /** Every file under the temporary folder except the bundle and Prometheus' own data, sorted. */
    List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("bundle"))).sorted().toList();
        }
    }

    @Override
    public void close() {
        stack.close();
        exporter.close();
        redis.close();
        ChildProcess.deleteQuietly(dir);
    }
}
