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
    /**
     * Redis was unavailable, nothing known blocked the intent and the fail policy is {@code open}: allowed, within
     * the fail-open cap, counted and logged.
     */
    FAIL_OPEN_ERROR(true),
    /**
     * Redis was unavailable and nothing known blocked the intent: blocked by the fail policy {@code closed} (the
     * default), or by {@code open} once its cap is used up.
     */
    FAIL_CLOSED_ERROR(false),
    /** A reduce-only intent let through while SAFE MODE is on, within its symbol's reduce-only limit; counted. */
    REDUCE_ONLY_ALLOWED(true),
    /** A reduce-only intent during SAFE MODE above its symbol's reduce-only limit: blocked, never a trip. */
    REDUCE_ONLY_RATE_EXCEEDED(false),
    /**
     * The kernel's own configuration is wrong (authentication, ACL, a command or script the server refuses): blocked
     * whatever the fail policy, and logged as an error naming the setting to fix. Not an outage.
     */
    CONFIG_ERROR(false),
    /** A rate counter holds something that is not a count: blocked, whatever the fail policy, nothing written. */
    STATE_UNREADABLE(false);

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
