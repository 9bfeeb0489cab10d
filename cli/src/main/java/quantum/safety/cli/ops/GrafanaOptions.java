package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;

/**
 * Grafana file provisioning: where the provider file goes and where it loads dashboards from; declared in
 * {@link OpsSetting}.
 */
@SettingsFrom(OpsSetting.class)
public final class GrafanaOptions {

    @Option(names = "--grafana.provisioning-dir", paramLabel = "DIR")
    Path provisioningDir;

    @Option(names = "--grafana.dashboards-dir", paramLabel = "DIR")
    Path dashboardsDir;

    public Path provisioningDir() {
        return provisioningDir;
    }

    public Path dashboardsDir() {
        return dashboardsDir;
    }
}
