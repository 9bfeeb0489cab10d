package quantum.safety.ops.bundle;

import java.util.List;

/** The bundle files ops installs, relative to the bundle root (the same layout as the repository's monitoring/). */
public final class BundlePaths {

    public static final String SCRAPE_JOB = "prometheus/scrape-job.yml";
    public static final String ALERT_RULES = "prometheus/rules/quantum_safety_alerts.yml";
    public static final String RECORDING_RULES = "prometheus/rules/quantum_safety_recording.yml";
    public static final String ALERTMANAGER = "alertmanager/alertmanager.yml";
    public static final String DASHBOARD = "grafana/dashboards/quantum_safety_telemetry.json";
    public static final String DASHBOARD_PROVISIONING = "grafana/provisioning/dashboards/quantum_safety.yaml";

    /** Rule files copied into the operator's rules folder, under their own file names. */
    public static final List<String> RULE_FILES = List.of(ALERT_RULES, RECORDING_RULES);

    /** The job name the contract fixes (legacy contract §4). */
    public static final String JOB_NAME = "quantum_safety_telemetry";

    private BundlePaths() {
    }

    /** The last path element: where a bundle file lands inside the operator's folder. */
    public static String fileName(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }
}
