package quantum.safety.kernel;

/**
 * What one audited manual operation did.
 *
 * @param event         the transition written to the audit stream
 * @param actor         who asked for it
 * @param reason        why
 * @param previousValue the flag's value before ("" when it was absent; "WRONGTYPE" when it held another type)
 * @param timestamp     the Redis server's time of the change, unix seconds
 * @param auditId       the audit stream entry id; empty when the audit stream was broken and an engagement was
 *                      applied without its event (counted in the totals as {@code lost_events})
 */
public record OperationResult(AuditEvent event, String actor, String reason, String previousValue, long timestamp,
                              String auditId) {

    /** An engagement that was applied although its audit event could not be written. */
    public boolean auditLost() {
        return auditId.isEmpty();
    }

    /**
     * Whether the flag was already in the requested state by the one flag rule ({@link FlagState}); the operation
     * was still applied and audited. An absent flag and an empty one both read back as "" and count as off.
     */
    public boolean wasAlready() {
        boolean wasOn = previousValue.equals("WRONGTYPE") ? true
                : FlagState.ofValue(previousValue.isEmpty() ? null : previousValue).on();
        return switch (event) {
            case SAFE_MODE_ON, KILL_ON -> wasOn;
            case SAFE_MODE_OFF, KILL_OFF -> !wasOn;
            case TRIP -> false;
        };
    }
}
