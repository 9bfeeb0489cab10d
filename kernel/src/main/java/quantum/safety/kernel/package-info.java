/**
 * The safety kernel: one atomic Redis script per trade intent (rate limits, SAFE MODE circuit breaker, kill switch,
 * audited fault and audit streams), the one flag rule every reader applies (FlagState), and what the kernel does
 * when Redis cannot decide: the last known state, then a fail policy that is closed by default. Its settings are
 * declared once, in the KernelSetting table that KernelConfig.fromEnv, the command line and the README read.
 */
package quantum.safety.kernel;
