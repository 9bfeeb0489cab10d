package quantum.safety.ops.bundle;

import java.util.List;

/** The bundle files ops installs, relative to the bundle root (the same layout as the repository's monitoring/). */
public final class BundlePaths {

    public static final String SCRAPE_JOB = "prometheus/scrape-job.yml";
    public static final String ALERT_RULES = "prometheus/rules/quantum_safety_alerts.yml";
    public static final String RECORDING_RULES = "prometheus/rules/quantum_safety_recording.yml";
    public static final String ALERTMANAGER = "alertmanager/alertmanager.yml";
    /**
     * Message templates the Alertmanager config's {@code templates:} glob loads, installed at the same path relative
     * to the operator's config as here relative to {@link #ALERTMANAGER}. Listed, since a classpath has no listing.
     */
    public static final List<String> ALERTMANAGER_TEMPLATES = List.of("alertmanager/templates/quantum_safety.tmpl");
    public static final String DASHBOARD = "grafana/dashboards/quantum_safety_telemetry.json";
    public static final String DASHBOARD_PROVISIONING = "grafana/provisioning/dashboards/quantum_safety.yaml";

    /** Rule files copied into the operator's rules folder, under their own file names. */
    public static final List<String> RULE_FILES = List.of(ALERT_RULES, RECORDING_RULES);

    /** The job name the contract fixes (legacy contract §4). */
    public static final String JOB_NAME = "quantum_safety_telemetry";

    /**
     * The decision service's job ({@code quantum-safety kernel serve}), the second item of {@link #SCRAPE_JOB};
     * bundles older than the service lack it.
     */
    public static final String SERVICE_JOB_NAME = "quantum_safety_kernel";

    /**
     * The audit archive's job ({@code quantum-safety archive}), the third item of {@link #SCRAPE_JOB}; bundles older
     * than the archive lack it.
     */
    public static final String ARCHIVE_JOB_NAME = "quantum_safety_archive";

    private BundlePaths() {
    }

    /** Where a bundle file under {@code alertmanager/} lands, relative to the operator's Alertmanager config folder. */
    public static String relativeToAlertmanagerConfig(String relativePath) {
        String folder = ALERTMANAGER.substring(0, ALERTMANAGER.lastIndexOf('/') + 1);
        if (!relativePath.startsWith(folder)) {
            throw new IllegalArgumentException(relativePath + " is not under " + folder);
        }
        return relativePath.substring(folder.length());
    }

    /** The last path element: where a bundle file lands inside the operator's folder. */
    public static String fileName(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }
}
