/**
 * The Grafana import payload: the bundle's dashboard model wrapped for the HTTP import API, built from the same file
 * that file provisioning loads, so the two ways of installing the dashboard cannot diverge.
 */
package quantum.safety.ops.grafana;
