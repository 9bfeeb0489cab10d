/**
 * The {@code quantum-safety ops} commands: install, verify and roll back the monitoring bundle, list backups and
 * print the Grafana import payload. Their flags, and those doctor shares with them, are declared in
 * {@link quantum.safety.cli.ops.OpsSetting}. Options go in as requests to the ops module (its input errors become usage
 * errors, {@link quantum.safety.cli.ops.OpsInput}), and its events come out rendered as text for people or, with
 * {@code --json}, as one JSON object per line for scripts.
 */
package quantum.safety.cli.ops;
