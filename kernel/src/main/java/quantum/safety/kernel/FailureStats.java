package quantum.safety.kernel;

/**
 * What this kernel instance decided without Redis, and what went wrong around its decisions, for the embedding
 * service's own metrics. Every field is monotonic except the two unreported counts.
 *
 * @param failOpen             fail-open decisions (allowed while Redis was unavailable, within the cap)
 * @param failClosed           fail-closed decisions (blocked while Redis was unavailable: policy closed, or the
 *                             fail-open cap used up)
 * @param unreportedFailOpen   fail-open decisions not yet added to the fleet-wide {@code safety:decisions} hash;
 *                             they are added by the next decision that reaches Redis
 * @param unreportedFailClosed fail-closed decisions not yet added to that hash
 * @param statsErrors          decisions whose statistics (ranking, decision counters) could not be written because
 *                             a statistics key held garbage; the decision itself was taken
 * @param configErrors         decisions blocked with {@link Reason#CONFIG_ERROR}: the kernel's Redis settings are
 *                             wrong (credentials, ACL, a refused command or script)
 * @param lastKnownBlocks      decisions blocked while Redis was unavailable because the last state read had SAFE
 *                             MODE or the kill switch on
 * @param failOpenCapped       decisions the {@code open} policy would have allowed but its cap turned into
 *                             fail-closed (included in {@code failClosed})
 * @param lostEvents           fault or audit events of trips that could not be written (their stream is broken);
 *                             the trips themselves stood
 */
public record FailureStats(long failOpen, long failClosed, long unreportedFailOpen, long unreportedFailClosed,
                           long statsErrors, long configErrors, long lastKnownBlocks, long failOpenCapped,
                           long lostEvents) {
}
