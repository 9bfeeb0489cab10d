package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;

/**
 * Where Prometheus is: its HTTP address, its config file and its rules folder. Defaults, env twins and help come from
 * {@link OpsSetting}; a value left out is null, for the newest install's manifest to fill in.
 */
@SettingsFrom(OpsSetting.class)
public final class PrometheusOptions {

    @Option(names = "--prometheus.url", paramLabel = "URL")
    String url;

    @Option(names = "--prometheus.config", paramLabel = "FILE")
    Path config;

    @Option(names = "--prometheus.rules-dir", paramLabel = "DIR")
    Path rulesDir;

    public String url() {
        return url;
    }

    public Path config() {
        return config;
    }

    public Path rulesDir() {
        return rulesDir;
    }
}
