/**
 * The Prometheus exporter: {@link quantum.safety.exporter.ExporterServer} wires the Redis session, the scrape path
 * ({@code scrape}, {@code collect}), the status page and the web server from one
 * {@link quantum.safety.exporter.ExporterConfig}.
 */
package quantum.safety.exporter;
