package quantum.safety.kernel;

import java.util.Locale;

/**
 * A trade intent to check: what the legacy {@code should_publish_intent(symbol, side, correlation_id, trace_id)}
 * received, plus whether it only reduces risk.
 *
 * <p>The symbol is kept as given (it is part of the legacy counter key, e.g. {@code BTCUSDT}); the side is
 * upper-cased and must be {@code BUY} or {@code SELL}; missing ids become "". Invalid input throws
 * {@link IllegalArgumentException} here, before any decision is asked for.
 *
 * @param symbol        instrument, e.g. {@code BTCUSDT}; non-blank, no white space
 * @param side          {@code BUY} or {@code SELL}
 * @param reduceOnly    the order can only reduce an open position (may pass during SAFE MODE)
 * @param correlationId the caller's correlation id, copied into the fault event ("" when none)
 * @param traceId       the caller's trace id, copied into the fault event ("" when none)
 */
public record Intent(String symbol, String side, boolean reduceOnly, String correlationId, String traceId) {

    private static final int MAX_SYMBOL_LENGTH = 64;

    public Intent {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is empty; expected e.g. BTCUSDT");
        }
        if (symbol.length() > MAX_SYMBOL_LENGTH || symbol.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("symbol '" + symbol + "' must be at most " + MAX_SYMBOL_LENGTH
                    + " characters without white space; expected e.g. BTCUSDT");
        }
        String upper = side == null ? "" : side.trim().toUpperCase(Locale.ROOT);
        if (!upper.equals("BUY") && !upper.equals("SELL")) {
            throw new IllegalArgumentException("side '" + side + "' is not BUY or SELL");
        }
        side = upper;
        correlationId = correlationId == null ? "" : correlationId;
        traceId = traceId == null ? "" : traceId;
    }

    /** An intent that is not reduce-only and carries no ids. */
    public static Intent of(String symbol, String side) {
        return new Intent(symbol, side, false, "", "");
    }

    public Intent withReduceOnly(boolean value) {
        return new Intent(symbol, side, value, correlationId, traceId);
    }

    public Intent withCorrelationId(String value) {
        return new Intent(symbol, side, reduceOnly, value, traceId);
    }

    public Intent withTraceId(String value) {
        return new Intent(symbol, side, reduceOnly, correlationId, value);
    }
}
