package quantum.safety.kernel;

/**
 * Why a decision was taken. The names are the exact strings of the legacy kernel, of {@link Decision#reason()} in
 * JSON and of the fields of the {@code safety:decisions} hash.
 */
public enum Reason {
    /** Within every limit. */
    OK(true),
    /** SAFE MODE is on: blocked without touching the counters. */
    SAFE_MODE_ENABLED(false),
    /** This intent took the global counter above its maximum: SAFE MODE was switched on. */
    GLOBAL_RATE_EXCEEDED(false),
    /** This intent took its symbol's counter above its maximum: SAFE MODE was switched on. */
    SYMBOL_RATE_EXCEEDED(false),
    /** The kill switch is engaged: everything is blocked, reduce-only intents too. */
    KILL_SWITCH_ENGAGED(false),
    /** Redis could not decide and the fail policy is {@code open}: allowed, counted, logged. */
    FAIL_OPEN_ERROR(true),
    /** Redis could not decide and the fail policy is {@code closed}: blocked. */
    FAIL_CLOSED_ERROR(false),
    /** A reduce-only intent let through while SAFE MODE is on, so exits are never trapped; counted. */
    REDUCE_ONLY_ALLOWED(true);

    private final boolean allowed;

    Reason(boolean allowed) {
        this.allowed = allowed;
    }

    /** Whether a decision with this reason lets the intent through. */
    public boolean allowed() {
        return allowed;
    }

    /** A trip: this decision switched SAFE MODE on. */
    public boolean isTrip() {
        return this == GLOBAL_RATE_EXCEEDED || this == SYMBOL_RATE_EXCEEDED;
    }
}
