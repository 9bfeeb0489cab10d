package quantum.safety.exporter.collect;

import java.util.Comparator;

/** Intents checked for one symbol in the current window. */
public record SymbolCount(String symbol, double count) {

    /** Largest count first, ties by symbol so the order never depends on where the data came from. */
    public static final Comparator<SymbolCount> RANKING = Comparator.comparingDouble(SymbolCount::count).reversed()
            .thenComparing(SymbolCount::symbol);

    /** The count as the legacy {@code count_N} label showed it: an integer when it is one. */
    String countLabel() {
        return count == Math.rint(count) && Math.abs(count) < 1e15 ? Long.toString((long) count) : Double.toString(count);
    }
}
