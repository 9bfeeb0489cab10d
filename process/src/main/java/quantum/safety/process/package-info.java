/**
 * The child processes the project starts and waits on, with one wait loop ({@link quantum.safety.process.Poll}) and
 * one way to start, stop and quote them ({@link quantum.safety.process.ChildProcess}): a local Redis from PATH or the
 * Redis 6.2 binary of the embedded-redis artifact (the demo's private Redis, and the tests'), a private PostgreSQL
 * cluster ({@link quantum.safety.process.LocalPostgres}), Prometheus and
 * Alertmanager servers, and tools run to their end (promtool, amtool). No JUnit: the runnable jar carries it.
 */
package quantum.safety.process;
