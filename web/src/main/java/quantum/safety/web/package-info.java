/**
 * The HTTP conventions shared by the exporter and the decision service, as Prometheus exporters have them:
 * {@code --web.listen-address} values ({@link quantum.safety.web.ListenAddress}) and the exporter-toolkit
 * {@code --web.config.file} ({@link quantum.safety.web.WebConfigParser}): TLS with client certificates
 * ({@link quantum.safety.web.TlsServerContext}), bcrypt basic auth ({@link quantum.safety.web.BcryptUsers}) and
 * response headers. The server that applies them is in {@link quantum.safety.web.http}.
 */
package quantum.safety.web;
