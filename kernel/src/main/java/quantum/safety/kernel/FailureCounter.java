package quantum.safety.kernel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts decisions taken without Redis and hands them to the next successful call for late reporting.
 *
 * <p>A caller takes the unreported counts atomically before its call and gives them back if the call fails, so
 * two threads never report the same failures. A reply lost after the script ran reports them twice; a count
 * that is slightly high beats one that hides failures.
 */
final class FailureCounter {

    /** Counts one call carries to Redis. */
    record Pending(long failOpen, long failClosed) {
        static final Pending NONE = new Pending(0, 0);
    }

    private final AtomicLong failOpen = new AtomicLong();
    private final AtomicLong failClosed = new AtomicLong();
    private final AtomicLong unreportedOpen = new AtomicLong();
    private final AtomicLong unreportedClosed = new AtomicLong();
    private final AtomicLong statsErrors = new AtomicLong();

    void failed(FailPolicy policy) {
        if (policy == FailPolicy.OPEN) {
            failOpen.incrementAndGet();
            unreportedOpen.incrementAndGet();
        } else {
            failClosed.incrementAndGet();
            unreportedClosed.incrementAndGet();
        }
    }

    Pending take() {
        // Cheap read first: the common case has nothing to report and must not write shared cache lines.
        if (unreportedOpen.get() == 0 && unreportedClosed.get() == 0) {
            return Pending.NONE;
        }
        return new Pending(unreportedOpen.getAndSet(0), unreportedClosed.getAndSet(0));
    }

    void giveBack(Pending pending) {
        if (pending.failOpen() > 0) {
            unreportedOpen.addAndGet(pending.failOpen());
        }
        if (pending.failClosed() > 0) {
            unreportedClosed.addAndGet(pending.failClosed());
        }
    }

    void statsError() {
        statsErrors.incrementAndGet();
    }

    FailureStats snapshot() {
        return new FailureStats(failOpen.get(), failClosed.get(), unreportedOpen.get(), unreportedClosed.get(),
                statsErrors.get());
    }
}
