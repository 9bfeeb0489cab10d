package quantum.safety.state;

import java.util.Comparator;

/** Intents checked for one symbol in one rate window (a ZSET score, or a legacy counter). */
public record SymbolCount(String symbol, double count) {

    /** Largest count first, ties by symbol so the order never depends on where the data came from. */
    public static final Comparator<SymbolCount> RANKING = Comparator.comparingDouble(SymbolCount::count).reversed()
            .thenComparing(SymbolCount::symbol);
}
