/** The service's own {@code /metrics}: requests, decision latency by reason, rejections, readiness, kernel failures. */
package quantum.safety.service.metrics;
