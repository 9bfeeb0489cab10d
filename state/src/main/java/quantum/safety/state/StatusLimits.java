package quantum.safety.state;

import quantum.safety.kernel.KernelConfig;

/**
 * The kernel settings a status needs to show counts against their limits; they must match the kernels'
 * ({@link quantum.safety.kernel.KernelSetting}: its WINDOW, GLOBAL_MAX and SYMBOL_MAX).
 *
 * @param lastFaults how many of the newest faults a status lists
 * @param topSymbols how many symbols per window a status lists
 */
public record StatusLimits(int windowSeconds, int globalMax, int symbolMax, int lastFaults, int topSymbols) {

    public StatusLimits {
        if (windowSeconds < 1 || globalMax < 1 || symbolMax < 1 || lastFaults < 0 || topSymbols < 0) {
            throw new IllegalArgumentException("status limits must be positive: window " + windowSeconds
                    + ", global max " + globalMax + ", symbol max " + symbolMax);
        }
    }

    public static StatusLimits of(KernelConfig config) {
        return new StatusLimits(config.windowSeconds(), config.globalMax(), config.symbolMax(), 5, 5);
    }

    public StatusLimits withTopSymbols(int n) {
        return new StatusLimits(windowSeconds, globalMax, symbolMax, lastFaults, n);
    }

    public StatusLimits withLastFaults(int n) {
        return new StatusLimits(windowSeconds, globalMax, symbolMax, n, topSymbols);
    }
}
