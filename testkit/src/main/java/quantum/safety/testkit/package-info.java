/**
 * Real servers for tests: the JUnit extension that gives each test a real Redis (from an env URL, from PATH, or the
 * Redis 6.2 binary shipped in a Maven artifact), local Redis, Sentinel-ready and Cluster processes, Prometheus and
 * Alertmanager processes, and the conditions that skip a test locally (and fail it in CI) when a tool is missing.
 */
package quantum.safety.testkit;
