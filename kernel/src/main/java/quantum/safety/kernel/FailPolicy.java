package quantum.safety.kernel;

import java.util.Locale;

/** What {@link SafetyKernel#decide(Intent)} answers when Redis cannot decide (down, slow, garbage in a key). */
public enum FailPolicy {
    /** Allow with {@link Reason#FAIL_OPEN_ERROR}: the legacy behaviour and the default. */
    OPEN(Reason.FAIL_OPEN_ERROR),
    /** Block with {@link Reason#FAIL_CLOSED_ERROR}. */
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
