/**
 * Real servers for tests: the JUnit extension that gives each test a real Redis (from an env URL, from PATH, or the
 * Redis 6.2 binary shipped in a Maven artifact, started by {@code quantum.safety.process.LocalRedis}), a Redis Cluster
 * of such processes, a Prometheus with the Alertmanager it sends to and a receiver for Alertmanager's webhooks, the
 * shared table of flag values, and the conditions that skip a test locally (and fail it in CI) when a tool is missing.
 * Test scope only, everywhere.
 */
package quantum.safety.testkit;
