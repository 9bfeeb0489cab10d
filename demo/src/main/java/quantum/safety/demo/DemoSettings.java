package quantum.safety.demo;

import java.time.Duration;
import java.util.Optional;

/**
 * The demo's timings and limits, already validated. Short on purpose: a newcomer should see SAFE MODE trip and
 * cool down within a minute; tests shrink them further.
 *
 * @param window       the kernel's (and exporter's) rate window
 * @param cooldown     how long a trip keeps SAFE MODE on
 * @param globalMax    intents per window, all symbols, before a global trip
 * @param symbolMax    intents per window for one symbol before a symbol trip
 * @param rate         base flow, intents per second over all threads; stays under both limits
 * @param threads      flow threads, each a "trading service" sharing the one Redis
 * @param seed         seeds every random choice (symbols, sides, pauses, burst targets)
 * @param duration     run this long, then clean up and exit; empty = until Ctrl-C
 * @param statusEvery  how often the live status line is printed
 */
public record DemoSettings(Duration window, Duration cooldown, int globalMax, int symbolMax, double rate, int threads,
                    long seed, Optional<Duration> duration, Duration statusEvery) {

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
}
