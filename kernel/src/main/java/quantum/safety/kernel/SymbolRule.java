package quantum.safety.kernel;

/**
 * The one rule for a symbol: not blank, at most {@value #MAX_LENGTH} characters, no white space, no control or
 * bidirectional override characters ({@link Text}), no U+FFFD and no unpaired surrogate.
 *
 * <p>{@link Intent} refuses a symbol that breaks it, so no kernel of this version ever writes one; readers of Redis
 * ({@link #accepts}) treat one they find there as data from a buggy or hostile writer, never as a name to show or
 * export. U+FFFD is what a UTF-8 decoder puts in place of bytes that are not UTF-8, and an unpaired surrogate has no
 * UTF-8 form at all (the client would write {@code ?} instead, so two such symbols would share one counter): refusing
 * both at the input is what lets a reader tell garbage bytes from a symbol.
 */
public final class SymbolRule {

    public static final int MAX_LENGTH = 64;

    private static final int REPLACEMENT = 0xFFFD;

    private SymbolRule() {
    }

    /** Whether {@code symbol} keeps the rule; never throws (null breaks it). */
    public static boolean accepts(String symbol) {
        return violation(symbol) == null;
    }

    /** Returns {@code symbol} when it keeps the rule; else throws {@link IllegalArgumentException} saying why. */
    public static String require(String symbol) {
        String violation = violation(symbol);
        if (violation != null) {
            throw new IllegalArgumentException(violation);
        }
        return symbol;
    }

    /** Why {@code symbol} breaks the rule, quoting at most {@value Text#QUOTE_LIMIT} characters of it; null if it does not. */
    static String violation(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            return "symbol is empty; expected e.g. BTCUSDT";
        }
        String plain = Text.plainViolation("symbol", symbol, MAX_LENGTH);
        if (plain != null) {
            return plain;
        }
        for (int i = 0; i < symbol.length(); ) {
            int c = symbol.codePointAt(i);
            if (Character.isWhitespace(c)) {
                return "symbol " + Text.quote(symbol) + " contains white space; expected e.g. BTCUSDT";
            }
            if (c == REPLACEMENT) {
                return "symbol " + Text.quote(symbol) + " contains U+FFFD, the stand-in for bytes that are not UTF-8; "
                        + "expected e.g. BTCUSDT";
            }
            if (c <= Character.MAX_VALUE && Character.isSurrogate((char) c)) {
                // The value is not quoted: the surrogate would travel on into the message.
                return "symbol contains the unpaired surrogate U+" + String.format("%04X", c)
                        + ", which has no UTF-8 form; expected e.g. BTCUSDT";
            }
            i += Character.charCount(c);
        }
        return null;
    }
}
