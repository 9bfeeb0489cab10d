/**
 * Logging shared by the kernel and the exporter: RateLimitedLog keeps a recurring problem to one line per interval
 * and topic, with its cause on that line and the stack trace only at DEBUG.
 */
package quantum.safety.kernel.log;
