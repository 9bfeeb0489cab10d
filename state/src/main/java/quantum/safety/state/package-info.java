/**
 * The one read model of the kernel's Redis state. Each reader queues its reads on a pipeline the caller shares, so a
 * whole read stays one round trip, and returns an immutable record plus the problems it found in the data (bad data is
 * a problem value, never an exception). The exporter's collectors, the status page, {@code ctl}, {@code doctor} and the
 * demo only render these records, so they cannot disagree about what Redis holds.
 *
 * <p>Start at {@link quantum.safety.state.StateRead} (one read queued on a caller's pipeline) or
 * {@link quantum.safety.state.SafetyStatusReader} (a whole status, for tools that have no pipeline of their own).
 */
package quantum.safety.state;
