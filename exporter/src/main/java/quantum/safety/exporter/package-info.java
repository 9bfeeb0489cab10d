/**
 * The Prometheus exporter: {@link quantum.safety.exporter.ExporterServer} wires the Redis session, the scrape path
 * ({@code scrape}, {@code collect}), the status page and the web server from one
 * {@link quantum.safety.exporter.ExporterConfig}. Its settings are declared once in the
 * {@link quantum.safety.exporter.ExporterSetting} table; {@link quantum.safety.exporter.ExporterEnv} reads the ones
 * that come from env only.
 */
package quantum.safety.exporter;
