package quantum.safety.archive;

import java.time.Duration;

/**
 * Waits between retries, doubling from {@code initial} up to {@code max}; {@link #wake()} ends a wait at once (a stop
 * request must not sit out a long backoff).
 */
final class Pause {

    private final Duration initial;
    private final Duration max;
    private Duration next;
    private boolean woken;

    Pause(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** Waits the current delay, then doubles it (capped). */
    synchronized void backOff() {
        Duration current = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        waitFor(current);
    }

    /** Waits {@code duration} (or until woken), leaving the backoff as it is. */
    synchronized void waitFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (!woken) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        woken = false;
    }

    /** After a success: the next failure waits {@code initial} again. */
    synchronized void reset() {
        next = initial;
    }

    synchronized void wake() {
        woken = true;
        notifyAll();
    }
}
