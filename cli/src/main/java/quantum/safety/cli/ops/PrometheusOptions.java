package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.cli.UsageException;
import quantum.safety.cli.settings.SettingsFrom;

/**
 * Where Prometheus is: its HTTP address, and (for commands that change files) its config file. Defaults, env twins and
 * help come from {@link OpsSetting}.
 */
@SettingsFrom(OpsSetting.class)
public final class PrometheusOptions {

    @Option(names = "--prometheus.url", paramLabel = "URL")
    String url;

    @Option(names = "--prometheus.config", paramLabel = "FILE")
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
            throw new UsageException(OpsSetting.PROMETHEUS_CONFIG.flag() + " is required; pass the prometheus.yml "
                    + "Prometheus runs with, e.g. " + OpsSetting.PROMETHEUS_CONFIG.flag()
                    + "=/etc/prometheus/prometheus.yml (env " + OpsSetting.PROMETHEUS_CONFIG.env() + ")");
        }
        return config;
    }
}
