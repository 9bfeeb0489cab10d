/**
 * The exporter's one long-lived Redis session: a pooled client with short timeouts, reconnection with backoff, and
 * the record of the last Redis error that becomes quantum_safety_redis_up and quantum_safety_redis_last_error.
 */
package quantum.safety.exporter.redis;
