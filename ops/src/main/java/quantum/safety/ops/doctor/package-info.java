/**
 * The doctor: one automatic integration report over Redis (rendering the state read model), the exporter,
 * Prometheus, Alertmanager, Grafana files and rollback readiness, each check with its evidence and the fix.
 */
package quantum.safety.ops.doctor;
