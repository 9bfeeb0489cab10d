package quantum.safety.kernel;

/** The {@code event} field of the audit stream: every safety transition. */
public enum AuditEvent {
    /** The decision script switched SAFE MODE on after a rate limit was exceeded. */
    TRIP,
    /** An operator switched SAFE MODE on. */
    SAFE_MODE_ON,
    /** An operator switched SAFE MODE off. */
    SAFE_MODE_OFF,
    /** An operator engaged the kill switch. */
    KILL_ON,
    /** An operator released the kill switch. */
    KILL_OFF
}
