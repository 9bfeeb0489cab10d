package quantum.safety.kernel;

/**
 * Rules for the free text that reaches Redis, events, logs and terminals (symbols, ids, actors, reasons): bounded
 * length, no control characters and no bidirectional overrides, and error messages that quote at most
 * {@value #QUOTE_LIMIT} characters of a bad value, escaped, so that a hostile value can neither flood a log nor
 * rewrite what an operator sees.
 */
public final class Text {

    /** Characters of a bad value an error message repeats. */
    public static final int QUOTE_LIMIT = 64;

    private Text() {
    }

    /**
     * Returns {@code value} when it is at most {@code maxLength} characters without control or bidirectional
     * override characters; else throws {@link IllegalArgumentException} naming {@code what} and the rule.
     */
    public static String requirePlain(String what, String value, int maxLength) {
        String violation = plainViolation(what, value, maxLength);
        if (violation != null) {
            throw new IllegalArgumentException(violation);
        }
        return value;
    }

    /**
     * What {@link #requirePlain} would say about {@code value}, or null when it keeps the rule; the length is checked
     * first, so a huge value costs nothing more.
     */
    static String plainViolation(String what, String value, int maxLength) {
        if (value.length() > maxLength) {
            return what + " " + quote(value) + " is " + value.length() + " characters long; at most " + maxLength
                    + " are allowed";
        }
        int bad = firstForbidden(value);
        if (bad >= 0) {
            return what + " " + quote(value) + " contains the character U+" + String.format("%04X", bad)
                    + "; control and bidirectional override characters are refused";
        }
        return null;
    }

    /** The first control or bidirectional override code point, or -1. */
    static int firstForbidden(String value) {
        return value.codePoints().filter(Text::forbidden).findFirst().orElse(-1);
    }

    /**
     * C0/C1 controls, DEL, the bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and marks: what
     * input refuses, and what output that shows a stored value escapes.
     */
    public static boolean forbidden(int c) {
        return Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /**
     * {@code 'value'} for messages: at most {@value #QUOTE_LIMIT} characters (then {@code …}), control and bidi
     * characters shown as {@code \\uXXXX}.
     */
    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < value.length() && shown < QUOTE_LIMIT; ) {
            int c = value.codePointAt(i);
            if (forbidden(c)) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
            i += Character.charCount(c);
            shown++;
        }
        if (value.codePointCount(0, value.length()) > QUOTE_LIMIT) {
            sb.append('…');
        }
        return sb.append('\'').toString();
    }
}
