package quantum.safety.kernel;

/**
 * What this kernel instance decided without Redis, for the embedding service's own metrics.
 *
 * @param failOpen            fail-open decisions since start (monotonic)
 * @param failClosed          fail-closed decisions since start (monotonic)
 * @param unreportedFailOpen  fail-open decisions not yet added to the fleet-wide {@code safety:decisions} hash;
 *                            they are added by the next decision that reaches Redis
 * @param unreportedFailClosed fail-closed decisions not yet added to that hash
 * @param statsErrors         decisions whose statistics (ranking, decision counters) could not be written because
 *                            a statistics key held garbage; the decision itself was taken
 */
public record FailureStats(long failOpen, long failClosed, long unreportedFailOpen, long unreportedFailClosed,
                           long statsErrors) {
}
