package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;

/** Alertmanager: its HTTP address and its config file, declared in {@link OpsSetting}. */
@SettingsFrom(OpsSetting.class)
public final class AlertmanagerOptions {

    @Option(names = "--alertmanager.url", paramLabel = "URL")
    String url;

    @Option(names = "--alertmanager.config", paramLabel = "FILE")
    Path config;

    public String url() {
        return url;
    }

    public Path config() {
        return config;
    }
}
