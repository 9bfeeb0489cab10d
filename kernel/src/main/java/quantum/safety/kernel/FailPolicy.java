package quantum.safety.kernel;

import java.util.Locale;

/**
 * What {@link SafetyKernel#decide(Intent)} answers when Redis is unavailable (down, slow, busy, refusing writes) and
 * the last state the kernel read does not block the intent anyway. Never applied to a known SAFE MODE or kill
 * switch, to garbage in Redis or to a configuration error: those always block.
 */
public enum FailPolicy {
    /**
     * Allow with {@link Reason#FAIL_OPEN_ERROR}, as the legacy kernel did, but capped: at most
     * {@link KernelConfig#failOpenGlobalMax()} per window in this process and {@link KernelConfig#failOpenSymbolMax()}
     * per symbol, then {@link Reason#FAIL_CLOSED_ERROR}.
     */
    OPEN(Reason.FAIL_OPEN_ERROR),
    /** Block with {@link Reason#FAIL_CLOSED_ERROR}: the default. */
    CLOSED(Reason.FAIL_CLOSED_ERROR);

    private final Reason reason;

    FailPolicy(Reason reason) {
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Parses {@code open} or {@code closed} (any case); the message names the source of the value. */
    public static FailPolicy parse(String text, String source) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            default -> throw new IllegalArgumentException(source + "='" + text + "' is not a fail policy; use open or closed");
        };
    }
}
