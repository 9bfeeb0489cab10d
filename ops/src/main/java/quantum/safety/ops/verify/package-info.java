/**
 * The checks of {@code ops verify} (also the last step of install and part of doctor): each a pure function of one
 * round of observations of Prometheus, Alertmanager and the exporter, returning results with their evidence.
 */
package quantum.safety.ops.verify;
