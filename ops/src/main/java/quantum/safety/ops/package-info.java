/**
 * Safe changes to the monitoring stack: install the bundle into Prometheus, Alertmanager and Grafana files (plan,
 * back up, validate with the real tools, apply, reload, verify, roll back on failure) and roll an install back.
 * Bad operator input is an {@link quantum.safety.ops.OpsInputException}, found before anything changed.
 */
package quantum.safety.ops;
