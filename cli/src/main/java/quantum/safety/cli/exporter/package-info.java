/**
 * {@code quantum-safety exporter}: the flags and env (legacy names included, declared in {@code ExporterSetting} and
 * {@code RedisSetting}) that configure the Prometheus exporter, and the process that runs it until SIGTERM.
 */
package quantum.safety.cli.exporter;
