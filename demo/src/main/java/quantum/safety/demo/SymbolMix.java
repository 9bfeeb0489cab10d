package quantum.safety.demo;

import java.util.List;
import java.util.Random;

/**
 * The symbols of the simulated flow and how often each trades: a weighted pick, so the busiest symbols lead the
 * per-window ranking most of the time and a burst on a quiet one visibly changes it.
 */
record SymbolMix(List<Weighted> symbols) {

    /** One symbol and its share of the base flow (relative to the other weights). */
    record Weighted(String symbol, int weight) {
    }

    SymbolMix {
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty() || symbols.stream().anyMatch(s -> s.weight() <= 0)) {
            throw new IllegalArgumentException("a symbol mix needs at least one symbol, each with a positive weight");
        }
    }

    /** BTC busiest, then ETH, SOL, and two quiet ones that only lead the ranking during a burst. */
    static SymbolMix standard() {
        return new SymbolMix(List.of(new Weighted("BTCUSDT", 35), new Weighted("ETHUSDT", 25),
                new Weighted("SOLUSDT", 20), new Weighted("ARBUSDT", 12), new Weighted("INJUSDT", 8)));
    }

    String pick(Random random) {
        int total = symbols.stream().mapToInt(Weighted::weight).sum();
        int n = random.nextInt(total);
        for (Weighted s : symbols) {
            n -= s.weight();
            if (n < 0) {
                return s.symbol();
            }
        }
        throw new IllegalStateException("unreachable: the weights sum to " + total);
    }

    List<String> names() {
        return symbols.stream().map(Weighted::symbol).toList();
    }
}
