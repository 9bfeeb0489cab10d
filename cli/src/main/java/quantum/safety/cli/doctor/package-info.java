/**
 * {@code quantum-safety doctor}: one report (Markdown or JSON) on the whole integration, from Redis to Prometheus,
 * Alertmanager and Grafana files.
 */
package quantum.safety.cli.doctor;
