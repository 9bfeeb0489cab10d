package quantum.safety.reliability;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** When the first success came after a moment the test marks (e.g. Redis answering again). */
final class Recovery {

    private volatile long from = Long.MAX_VALUE;
    private final AtomicLong first = new AtomicLong();

    void watchFrom(long nanos) {
        first.set(0);
        from = nanos;
    }

    void success(long now) {
        if (now >= from) {
            first.compareAndSet(0, now);
        }
    }

    boolean recovered() {
        return first.get() != 0;
    }

    long millis() {
        return TimeUnit.NANOSECONDS.toMillis(first.get() - from);
    }
}
