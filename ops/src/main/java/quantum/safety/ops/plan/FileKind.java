package quantum.safety.ops.plan;

/**
 * What a file is to the monitoring integration. The declaration order is install's write order: prometheus.yml last,
 * so the live config never names a rule file that is not there yet, and the Alertmanager templates before the
 * Alertmanager config whose {@code templates:} glob loads them.
 */
public enum FileKind {
    RULES, DASHBOARD, DASHBOARD_PROVISIONING, ALERTMANAGER_TEMPLATE, ALERTMANAGER_CONFIG, PROMETHEUS_CONFIG;

    /** A file Alertmanager reads: changing it takes an Alertmanager reload. */
    public boolean alertmanager() {
        return this == ALERTMANAGER_TEMPLATE || this == ALERTMANAGER_CONFIG;
    }

    /** The kind a manifest recorded by name, or null when there is none or this version does not know it. */
    public static FileKind parse(String name) {
        for (FileKind kind : values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
