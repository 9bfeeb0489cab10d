package quantum.safety.cli.ops;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Grafana file provisioning: where the provider file goes and where it loads dashboards from. */
public final class GrafanaOptions {

    @Option(names = "--grafana.provisioning-dir", paramLabel = "DIR",
            defaultValue = "${env:QUANTUM_SAFETY_GRAFANA_PROVISIONING_DIR}",
            description = {"Grafana's dashboard provisioning folder (gets quantum_safety.yaml). Env: "
                    + "QUANTUM_SAFETY_GRAFANA_PROVISIONING_DIR.",
                    "Example: --grafana.provisioning-dir=/etc/grafana/provisioning/dashboards"})
    Path provisioningDir;

    @Option(names = "--grafana.dashboards-dir", paramLabel = "DIR",
            defaultValue = "${env:QUANTUM_SAFETY_GRAFANA_DASHBOARDS_DIR}",
            description = {"Folder the provider loads dashboards from (gets quantum_safety_telemetry.json). Env: "
                    + "QUANTUM_SAFETY_GRAFANA_DASHBOARDS_DIR.",
                    "Example: --grafana.dashboards-dir=/var/lib/grafana/dashboards/quantum"})
    Path dashboardsDir;

    public Path provisioningDir() {
        return provisioningDir;
    }

    public Path dashboardsDir() {
        return dashboardsDir;
    }
}
