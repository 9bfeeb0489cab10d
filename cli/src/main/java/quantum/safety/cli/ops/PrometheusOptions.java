package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where Prometheus is: its HTTP address, and (for commands that change files) its config file. */
public final class PrometheusOptions {

    @Option(names = "--prometheus.url", paramLabel = "URL",
            defaultValue = "${env:QUANTUM_SAFETY_PROMETHEUS_URL:-http://127.0.0.1:9090}",
            description = {"Prometheus HTTP address (API, /-/reload). Env: QUANTUM_SAFETY_PROMETHEUS_URL. Default: ${DEFAULT-VALUE}.",
                    "Example: --prometheus.url=http://127.0.0.1:9091"})
    String url;

    @Option(names = "--prometheus.config", paramLabel = "FILE",
            defaultValue = "${env:QUANTUM_SAFETY_PROMETHEUS_CONFIG}",
            description = {"The prometheus.yml Prometheus runs with. Env: QUANTUM_SAFETY_PROMETHEUS_CONFIG.",
                    "Example: --prometheus.config=/etc/prometheus/prometheus.yml"})
    Path config;

    public String url() {
        return url;
    }

    public Path config() {
        return config;
    }

    /** The config file, required by this command. */
    public Path requireConfig() {
        if (config == null) {
            throw new quantum.safety.cli.UsageException("--prometheus.config is required; pass the prometheus.yml "
                    + "Prometheus runs with, e.g. --prometheus.config=/etc/prometheus/prometheus.yml "
                    + "(env QUANTUM_SAFETY_PROMETHEUS_CONFIG)");
        }
        return config;
    }
}
