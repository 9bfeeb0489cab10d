/**
 * The monitoring bundle as resources of the jar (scrape job, alert and recording rules with their promtool tests,
 * Alertmanager routing, Grafana dashboard and provisioning, systemd units) and the index that lets ops install it.
 */
package quantum.safety.monitoring;
