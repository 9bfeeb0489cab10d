package quantum.safety.exporter.status;

/**
 * A flag as the kernel reads it: absent or {@code "0"} is off, any other value is on. A value other than {@code "1"}
 * is on but odd (someone wrote it by hand), and a key of another type is unreadable.
 *
 * @param raw the value as stored; empty when absent or unreadable
 */
public record FlagValue(State state, String raw) {

    public enum State { OFF, ON, UNREADABLE }

    public FlagValue {
        raw = raw == null ? "" : raw;
    }

    public static FlagValue of(String value) {
        if (value == null || value.equals("0")) {
            return new FlagValue(State.OFF, value);
        }
        return new FlagValue(State.ON, value);
    }

    public static FlagValue unreadable() {
        return new FlagValue(State.UNREADABLE, "");
    }

    public boolean on() {
        return state == State.ON;
    }

    /** On, but with a value other than "1": the kernel treats it as on, the operator should know. */
    public boolean odd() {
        return state == State.ON && !raw.equals("1");
    }
}
