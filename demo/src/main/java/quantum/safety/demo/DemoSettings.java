package quantum.safety.demo;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo's timings and limits, already validated (the demo command checks them against its flags): an immutable
 * snapshot built with {@link #builder()}. Short on purpose: a newcomer should see SAFE MODE trip and cool down within
 * a minute; tests shrink them further.
 */
public final class DemoSettings {

    private final Duration window;
    private final Duration cooldown;
    private final int globalMax;
    private final int symbolMax;
    private final double rate;
    private final int threads;
    private final long seed;
    private final Optional<Duration> duration;
    private final Duration statusEvery;

    private DemoSettings(Builder b) {
        this.window = Objects.requireNonNull(b.window, "window");
        this.cooldown = Objects.requireNonNull(b.cooldown, "cooldown");
        this.globalMax = b.globalMax;
        this.symbolMax = b.symbolMax;
        this.rate = b.rate;
        this.threads = b.threads;
        this.seed = b.seed;
        this.duration = Optional.ofNullable(b.duration);
        this.statusEvery = Objects.requireNonNull(b.statusEvery, "status interval");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The kernel's (and exporter's) rate window. */
    Duration window() {
        return window;
    }

    /** How long a trip keeps SAFE MODE on. */
    Duration cooldown() {
        return cooldown;
    }

    /** Intents per window, all symbols, before a global trip. */
    int globalMax() {
        return globalMax;
    }

    /** Intents per window for one symbol before a symbol trip. */
    int symbolMax() {
        return symbolMax;
    }

    /** Base flow, intents per second over all threads; stays under both limits. */
    double rate() {
        return rate;
    }

    /** Flow threads, each a "trading service" sharing the one Redis. */
    int threads() {
        return threads;
    }

    /** Seeds every random choice (symbols, sides, pauses, burst targets). */
    long seed() {
        return seed;
    }

    /** Run this long, then clean up and exit; empty = until Ctrl-C. */
    Optional<Duration> duration() {
        return duration;
    }

    /** How often the live status line is printed. */
    Duration statusEvery() {
        return statusEvery;
    }

    int windowSeconds() {
        return (int) window.toSeconds();
    }

    int cooldownSeconds() {
        return (int) cooldown.toSeconds();
    }

    /** The first burst comes after one and a half windows of calm flow, so the first window's ranking is "normal". */
    Duration firstBurst() {
        return window.plus(window.dividedBy(2));
    }

    /** A burst per cooldown plus two calm windows: SAFE MODE goes off and stays off for a while before the next trip. */
    Duration burstEvery() {
        return cooldown.plus(window.multipliedBy(2));
    }

    /** The kill switch drill: half a window, in the calm after the first cooldown, before the second burst. */
    Duration killDrillAt() {
        return firstBurst().plus(cooldown).plus(window.dividedBy(4));
    }

    Duration killDrillLength() {
        return window.dividedBy(2);
    }

    public static final class Builder {
        private Duration window;
        private Duration cooldown;
        private int globalMax;
        private int symbolMax;
        private double rate;
        private int threads;
        private long seed;
        private Duration duration;
        private Duration statusEvery;

        private Builder() {
        }

        public Builder window(Duration v) { window = v; return this; }
        public Builder cooldown(Duration v) { cooldown = v; return this; }
        public Builder globalMax(int v) { globalMax = v; return this; }
        public Builder symbolMax(int v) { symbolMax = v; return this; }
        public Builder rate(double v) { rate = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        /** Null: until Ctrl-C. */
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder statusEvery(Duration v) { statusEvery = v; return this; }

        public DemoSettings build() {
            return new DemoSettings(this);
        }
    }
}
