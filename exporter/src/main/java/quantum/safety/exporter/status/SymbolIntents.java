package quantum.safety.exporter.status;

/** Intents checked for one symbol in one window, against the per-symbol limit. */
public record SymbolIntents(String symbol, long count) {
}
