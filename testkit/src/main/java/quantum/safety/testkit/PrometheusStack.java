package quantum.safety.testkit;

import java.io.IOException;
import java.nio.file.Path;

import quantum.safety.process.AlertmanagerProcess;
import quantum.safety.process.LocalRedis;
import quantum.safety.process.PrometheusProcess;

/**
 * A real Prometheus and the real Alertmanager it sends alerts to, each on a free loopback port with its state in a
 * temporary folder: what an operator's monitoring machine runs. The test writes Prometheus' config once both ports are
 * known, wherever it likes, so relative {@code rule_files} resolve against its folder; {@link #operatorConfig} is such
 * a config the way an operator keeps it by hand. Tests using it carry
 * {@code @RequiresTools({"prometheus", "prometheus-alertmanager"})}.
 *
 * <pre>{@code
 * try (PrometheusStack stack = PrometheusStack.start((prometheusPort, alertmanagerPort) -> Files.writeString(
 *         dir.resolve("prometheus.yml"), PrometheusStack.operatorConfig(prometheusPort, alertmanagerPort, "")), true)) {
 *     ... stack.prometheus().url() ... stack.alertmanager().url() ...
 * }
 * }</pre>
 */
public final class PrometheusStack implements AutoCloseable {

    /** Writes Prometheus' config file, knowing where Prometheus and its Alertmanager will listen, and returns it. */
    @FunctionalInterface
    public interface ConfigWriter {
        Path write(int prometheusPort, int alertmanagerPort) throws IOException;
    }

    private final AlertmanagerProcess alertmanager;
    private final PrometheusProcess prometheus;

    private PrometheusStack(AlertmanagerProcess alertmanager, PrometheusProcess prometheus) {
        this.alertmanager = alertmanager;
        this.prometheus = prometheus;
    }

    /**
     * Starts an Alertmanager that routes everything nowhere ({@link AlertmanagerProcess#MINIMAL_CONFIG}), then
     * Prometheus; {@code lifecycle=false} makes {@code /-/reload} answer 403 like a default install.
     */
    public static PrometheusStack start(ConfigWriter prometheusConfig, boolean lifecycle) throws IOException {
        return start(AlertmanagerProcess.startMinimal(), prometheusConfig, lifecycle);
    }

    /** Starts an Alertmanager with the given config file, then Prometheus with the lifecycle API on. */
    public static PrometheusStack start(Path alertmanagerConfig, ConfigWriter prometheusConfig) throws IOException {
        return start(AlertmanagerProcess.start(alertmanagerConfig), prometheusConfig, true);
    }

    private static PrometheusStack start(AlertmanagerProcess alertmanager, ConfigWriter prometheusConfig,
                                         boolean lifecycle) throws IOException {
        try {
            int port = LocalRedis.freePort();
            Path config = prometheusConfig.write(port, alertmanager.port());
            return new PrometheusStack(alertmanager, PrometheusProcess.start(config, lifecycle, port));
        } catch (IOException | RuntimeException e) {
            alertmanager.close();
            throw e;
        }
    }

    public PrometheusProcess prometheus() {
        return prometheus;
    }

    public AlertmanagerProcess alertmanager() {
        return alertmanager;
    }

    /**
     * An operator's config with comments, blank lines, quoting styles and other jobs, the way a hand-kept
     * prometheus.yml looks: it sends to the Alertmanager, scrapes Prometheus itself and a node exporter, and loads
     * {@code rules/operator_*.yml}; {@code extraJob} is appended to scrape_configs verbatim (may be empty).
     */
    public static String operatorConfig(int prometheusPort, int alertmanagerPort, String extraJob) {
        return """
                # Prometheus of the trading host — edited by hand; keep these comments.
                global:
                  scrape_interval: 1s      # fast, for tests
                  evaluation_interval: 1s

                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']

                # Operator rules live next to ours.
                rule_files:
                  - "rules/operator_*.yml"

                scrape_configs:
                  # Prometheus itself
                  - job_name: prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d"]

                  # node exporter (not running in tests; that is fine)
                  - job_name: node
                    scrape_interval: 30s
                    static_configs:
                      - targets: ['127.0.0.1:9']
                %s# end of the operator's file
                """.formatted(alertmanagerPort, prometheusPort, extraJob);
    }

    /** Stops Prometheus, then Alertmanager, and removes their folders. */
    @Override
    public void close() {
        prometheus.close();
        alertmanager.close();
    }
}
