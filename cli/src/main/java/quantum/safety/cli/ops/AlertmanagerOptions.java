package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Alertmanager: its HTTP address and its config file. */
public final class AlertmanagerOptions {

    @Option(names = "--alertmanager.url", paramLabel = "URL", defaultValue = "${env:QUANTUM_SAFETY_ALERTMANAGER_URL}",
            description = {"Alertmanager HTTP address: checked for readiness; install adds it to prometheus.yml when "
                    + "that has no alerting section. Env: QUANTUM_SAFETY_ALERTMANAGER_URL. Default: the ones Prometheus "
                    + "sends to.", "Example: --alertmanager.url=http://127.0.0.1:9093"})
    String url;

    @Option(names = "--alertmanager.config", paramLabel = "FILE", defaultValue = "${env:QUANTUM_SAFETY_ALERTMANAGER_CONFIG}",
            description = {"Alertmanager config file: install writes the bundle's routing there (an existing different "
                    + "file only with --force), checked with amtool check-config. Env: QUANTUM_SAFETY_ALERTMANAGER_CONFIG.",
                    "Example: --alertmanager.config=/etc/prometheus/alertmanager.yml"})
    Path config;

    public String url() {
        return url;
    }

    public Path config() {
        return config;
    }
}
