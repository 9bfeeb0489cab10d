package quantum.safety.kernel;

import java.util.Locale;

/**
 * A trade intent to check: what the legacy {@code should_publish_intent(symbol, side, correlation_id, trace_id)}
 * received, plus whether it only reduces risk.
 *
 * <p>The symbol is kept as given (it is part of the legacy counter key, e.g. {@code BTCUSDT}); the side is
 * upper-cased and must be {@code BUY} or {@code SELL}; missing ids become "". Every text is bounded and free of
 * control and bidirectional override characters ({@link Text}), because it ends up in Redis keys, audit events,
 * logs and operators' terminals; the symbol keeps {@link SymbolRule}, the rule readers of Redis hold it to as well. Invalid input throws {@link IllegalArgumentException} here, before any decision is
 * asked for; the message quotes at most {@value Text#QUOTE_LIMIT} characters of the bad value.
 *
 * @param symbol        instrument, e.g. {@code BTCUSDT}; non-blank, no white space, at most
 *                      {@value #MAX_SYMBOL_LENGTH} characters ({@link SymbolRule})
 * @param side          {@code BUY} or {@code SELL}
 * @param reduceOnly    the order can only reduce an open position (may pass during SAFE MODE)
 * @param correlationId the caller's correlation id, copied into the fault event ("" when none); at most
 *                      {@value #MAX_ID_LENGTH} characters
 * @param traceId       the caller's trace id, copied into the fault event ("" when none); at most
 *                      {@value #MAX_ID_LENGTH} characters
 */
public record Intent(String symbol, String side, boolean reduceOnly, String correlationId, String traceId) {

    public static final int MAX_SYMBOL_LENGTH = SymbolRule.MAX_LENGTH;
    public static final int MAX_ID_LENGTH = 128;

    public Intent {
        SymbolRule.require(symbol);
        String upper = side == null ? "" : side.trim().toUpperCase(Locale.ROOT);
        if (!upper.equals("BUY") && !upper.equals("SELL")) {
            throw new IllegalArgumentException("side " + Text.quote(side) + " is not BUY or SELL");
        }
        side = upper;
        correlationId = Text.requirePlain("correlation id", correlationId == null ? "" : correlationId, MAX_ID_LENGTH);
        traceId = Text.requirePlain("trace id", traceId == null ? "" : traceId, MAX_ID_LENGTH);
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
