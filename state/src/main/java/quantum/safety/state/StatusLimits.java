package quantum.safety.state;

import quantum.safety.kernel.KernelConfig;

/**
 * The kernel settings a status needs to show counts against their limits: an immutable snapshot built with
 * {@link #builder()}. They must match the kernels' ({@link quantum.safety.kernel.KernelSetting}: its WINDOW,
 * GLOBAL_MAX and SYMBOL_MAX), so they have no defaults: {@link Builder#kernel(KernelConfig)} copies them.
 *
 * @param lastFaults how many of the newest faults a status lists
 * @param topSymbols how many symbols per window a status lists
 */
public record StatusLimits(int windowSeconds, int globalMax, int symbolMax, int lastFaults, int topSymbols) {

    /** Rejects limits no kernel can have, naming the wrong one. */
    public StatusLimits {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("status limits: window must be at least 1 second, got " + windowSeconds);
        }
        if (globalMax < 1 || symbolMax < 1) {
            throw new IllegalArgumentException("status limits: global and symbol max must be at least 1, got global "
                    + globalMax + ", symbol " + symbolMax);
        }
        if (lastFaults < 0 || topSymbols < 0) {
            throw new IllegalArgumentException("status limits: last faults and top symbols must be 0 or more, got "
                    + lastFaults + " and " + topSymbols);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: the 5 newest faults and the top 5 symbols; the kernel's limits must be set. */
    public static final class Builder {
        private Integer windowSeconds;
        private Integer globalMax;
        private Integer symbolMax;
        private int lastFaults = 5;
        private int topSymbols = 5;

        private Builder() {
        }

        /** The window and limits of the kernels whose state is read. */
        public Builder kernel(KernelConfig config) {
            return windowSeconds(config.windowSeconds()).globalMax(config.globalMax()).symbolMax(config.symbolMax());
        }

        public Builder windowSeconds(int v) { windowSeconds = v; return this; }
        public Builder globalMax(int v) { globalMax = v; return this; }
        public Builder symbolMax(int v) { symbolMax = v; return this; }
        public Builder lastFaults(int v) { lastFaults = v; return this; }
        public Builder topSymbols(int v) { topSymbols = v; return this; }

        /** Builds the limits; throws {@link IllegalArgumentException} naming a kernel limit not set or out of range. */
        public StatusLimits build() {
            if (windowSeconds == null || globalMax == null || symbolMax == null) {
                throw new IllegalArgumentException("status limits need the kernel's window, global max and symbol max; "
                        + "set StatusLimits.builder().kernel(config) or each of them");
            }
            return new StatusLimits(windowSeconds, globalMax, symbolMax, lastFaults, topSymbols);
        }
    }
}
