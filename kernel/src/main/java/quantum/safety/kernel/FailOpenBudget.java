package quantum.safety.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cap on fail-open decisions: per window of this process's own clock, at most so many overall and so many per
 * symbol; past either the {@code open} policy answers closed. Only the failure path comes here, so a lock is fine.
 */
final class FailOpenBudget {

    private final int globalMax;
    private final int symbolMax;
    private final long windowNanos;
    private long windowStart;
    private boolean started;
    private int global;
    private final Map<String, Integer> bySymbol = new HashMap<>();

    FailOpenBudget(int globalMax, int symbolMax, int windowSeconds) {
        this.globalMax = globalMax;
        this.symbolMax = symbolMax;
        this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
    }

    /** Takes one allowance for {@code symbol} at {@code now} (nanoTime); false when the cap is reached. */
    synchronized boolean tryTake(String symbol, long now) {
        if (!started || now - windowStart >= windowNanos) {
            started = true;
            windowStart = now;
            global = 0;
            bySymbol.clear();
        }
        int symbolCount = bySymbol.getOrDefault(symbol, 0);
        if (global >= globalMax || symbolCount >= symbolMax) {
            return false;
        }
        global++;
        bySymbol.put(symbol, symbolCount + 1);
        return true;
    }
}
