/**
 * The safety kernel: one atomic Redis script per trade intent (rate limits, SAFE MODE circuit breaker, kill switch,
 * audited fault and audit streams), the one flag rule every reader applies (FlagState), and what the kernel does
 * when Redis cannot decide: the last known state, then a fail policy that is closed by default.
 */
package quantum.safety.kernel;
