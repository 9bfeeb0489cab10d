package quantum.safety.kernel;

import java.util.Optional;

/**
 * The environment variables of the kernel's settings: the {@code QUANTUM_SAFETY_*} name wins, the legacy
 * {@code SAFETY_*} name (where there is one) keeps working.
 */
public enum EnvNames {
    WINDOW("QUANTUM_SAFETY_WINDOW_SEC", "SAFETY_WINDOW_SEC"),
    GLOBAL_MAX("QUANTUM_SAFETY_GLOBAL_MAX", "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW"),
    SYMBOL_MAX("QUANTUM_SAFETY_SYMBOL_MAX", "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW"),
    COOLDOWN("QUANTUM_SAFETY_COOLDOWN_SEC", "SAFETY_FAULT_COOLDOWN_SEC"),
    FAIL_POLICY("QUANTUM_SAFETY_FAIL_POLICY", null),
    LATCHED_TRIPS("QUANTUM_SAFETY_LATCHED_TRIPS", null),
    ESCALATE_COOLDOWN("QUANTUM_SAFETY_ESCALATE_COOLDOWN", null),
    MAX_COOLDOWN("QUANTUM_SAFETY_MAX_COOLDOWN_SEC", null),
    ESCALATION_PERIOD("QUANTUM_SAFETY_ESCALATION_PERIOD_SEC", null),
    REDUCE_ONLY_IN_SAFE_MODE("QUANTUM_SAFETY_REDUCE_ONLY_IN_SAFE_MODE", null),
    KERNEL_ID("QUANTUM_SAFETY_KERNEL_ID", null),
    TRIP_REPLICA_ACKS("QUANTUM_SAFETY_TRIP_REPLICA_ACKS", null),
    TRIP_ACK_TIMEOUT_MS("QUANTUM_SAFETY_TRIP_ACK_TIMEOUT_MS", null),
    DECISION_TIMEOUT_MS("QUANTUM_SAFETY_DECISION_TIMEOUT_MS", null),
    FAIL_OPEN_GLOBAL_MAX("QUANTUM_SAFETY_FAIL_OPEN_GLOBAL_MAX", null),
    FAIL_OPEN_SYMBOL_MAX("QUANTUM_SAFETY_FAIL_OPEN_SYMBOL_MAX", null),
    REDUCE_ONLY_SYMBOL_MAX("QUANTUM_SAFETY_REDUCE_ONLY_SYMBOL_MAX", null),
    REDUCE_ONLY_GLOBAL_MAX("QUANTUM_SAFETY_REDUCE_ONLY_GLOBAL_MAX", null);

    private final String name;
    private final String legacyName;

    EnvNames(String name, String legacyName) {
        this.name = name;
        this.legacyName = legacyName;
    }

    /** The current name. */
    public String envName() {
        return name;
    }

    /** The legacy kernel's name, if the setting existed there. */
    public Optional<String> legacyName() {
        return Optional.ofNullable(legacyName);
    }
}
