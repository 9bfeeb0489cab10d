/**
 * Prometheus for ops: merging the scrape job and rule files into an operator's prometheus.yml without disturbing
 * the rest of it, and the HTTP API used to reload and to verify targets, rules and alerts.
 */
package quantum.safety.ops.prometheus;
