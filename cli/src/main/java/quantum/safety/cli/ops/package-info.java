/**
 * {@code quantum-safety ops}: install, verify and roll back the monitoring bundle, list backups and print the Grafana
 * import payload. The commands hand the operator's input to the {@code ops} library and turn its input errors into
 * usage errors ({@link quantum.safety.cli.ops.OpsInput}).
 */
package quantum.safety.cli.ops;
