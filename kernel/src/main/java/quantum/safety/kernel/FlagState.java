package quantum.safety.kernel;

import java.util.Objects;

/**
 * The one rule for reading the SAFE MODE flag and the kill switch, applied by the decision script and by every
 * reader (exporter, status page, {@code ctl}, {@code doctor}, demo): the key absent or holding exactly {@code "0"}
 * is off; anything else is on. {@code "1"} is the clear "on"; any other string ({@code "true"}, {@code ""},
 * {@code " 1"}, {@code "false"}) and a key of another type (a hash, a list, a stream…) are on as well, because a
 * safety layer that cannot tell what a flag says must not take it for "off".
 *
 * @param kind  how the key was found
 * @param value the string it held ({@code ""} when absent), or the Redis type for {@link Kind#WRONG_TYPE}
 */
public record FlagState(Kind kind, String value) {

    /** What a reader found at the key. */
    public enum Kind {
        /** No such key: off. */
        ABSENT,
        /** Exactly {@code "0"}: off. */
        OFF,
        /** Exactly {@code "1"}: on. */
        ON,
        /** Another string: on, and worth a warning. */
        UNRECOGNISED,
        /** Another type, or a value that could not be read: on, and worth a warning. */
        WRONG_TYPE
    }

    public static final FlagState ABSENT = new FlagState(Kind.ABSENT, "");

    public FlagState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** A string key's value as GET returned it; {@code null} when the key is absent. */
    public static FlagState ofValue(String value) {
        if (value == null) {
            return ABSENT;
        }
        return switch (value) {
            case "0" -> new FlagState(Kind.OFF, value);
            case "1" -> new FlagState(Kind.ON, value);
            default -> new FlagState(Kind.UNRECOGNISED, value);
        };
    }

    /**
     * A key that GET could not read: {@code type} is what TYPE answered ({@code "hash"}, {@code "list"}…), or
     * {@code "unknown"} when it was not asked.
     */
    public static FlagState ofWrongType(String type) {
        return new FlagState(Kind.WRONG_TYPE, type == null || type.isBlank() ? "unknown" : type);
    }

    /**
     * From TYPE and, for a string, its value: {@code "none"} is absent, {@code "string"} is read by
     * {@link #ofValue(String)}, any other type is on.
     */
    public static FlagState of(String type, String stringValue) {
        if (type == null || type.equals("none")) {
            return stringValue == null ? ABSENT : ofValue(stringValue);
        }
        return type.equals("string") ? ofValue(stringValue) : ofWrongType(type);
    }

    /** Whether the flag blocks: everything but absent and {@code "0"}. */
    public boolean on() {
        return kind != Kind.ABSENT && kind != Kind.OFF;
    }

    /** On, but not by the clear value {@code "1"}: readers report it as a problem of the data. */
    public boolean unclear() {
        return kind == Kind.UNRECOGNISED || kind == Kind.WRONG_TYPE;
    }

    /** For people: {@code off}, {@code on}, or why a strange value counts as on; quotes at most 64 characters. */
    public String describe() {
        return switch (kind) {
            case ABSENT -> "off (absent)";
            case OFF -> "off";
            case ON -> "on";
            case UNRECOGNISED -> "on (holds " + Text.quote(value) + ", which is not 0 or 1; only absent or 0 is off)";
            case WRONG_TYPE -> "on (holds a " + value + ", not a string; only absent or 0 is off)";
        };
    }
}
