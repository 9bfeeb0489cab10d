package quantum.safety.ops.verify;

/** The sections of the integration report, in the order of the legacy deployment report. */
public enum Section {
    PROMETHEUS_SCRAPING("Prometheus scraping"),
    ALERT_RULES("Alert rules"),
    ALERTMANAGER("Alertmanager"),
    DASHBOARD_PROVISIONING("Dashboard provisioning"),
    RELOAD_SAFETY("Reload safety"),
    ROLLBACK_READINESS("Rollback readiness"),
    EXPORTER_HYGIENE("Exporter hygiene"),
    SYSTEM_STATE("System state");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
