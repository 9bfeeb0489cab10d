/**
 * Alertmanager for ops: its HTTP API (reload, the config it runs) and the check, after a rollback, that it runs the
 * receivers of the restored config file.
 */
package quantum.safety.ops.alertmanager;
