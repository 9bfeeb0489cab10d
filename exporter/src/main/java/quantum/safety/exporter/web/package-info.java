/**
 * The exporter's HTTP side: the JDK server with /metrics, the landing page, /-/healthy and /-/ready, the web-config
 * file (TLS, client certificates, bcrypt basic auth; parsed by quantum.safety.web) and the guards against slow or oversized requests.
 */
package quantum.safety.exporter.web;
