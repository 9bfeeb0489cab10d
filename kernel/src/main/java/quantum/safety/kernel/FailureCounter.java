package quantum.safety.kernel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the decisions this process took without Redis, by reason, and hands them to the next call that reaches
 * Redis, which adds them to the fleet-wide {@code safety:decisions} hash (and {@code fail_open} to the totals).
 *
 * <p>A caller takes the unreported counts atomically before its call and gives them back if the call fails, so
 * two threads never report the same decisions. A reply lost after the script ran reports them twice; a count
 * that is slightly high beats one that hides failures.
 */
final class FailureCounter {

    private static final Reason[] REASONS = Reason.values();

    /** Counts one call carries to Redis, by {@link Reason#ordinal()}. */
    record Pending(long[] byReason) {
        static final Pending NONE = new Pending(new long[REASONS.length]);

        /** {@code "REASON=n REASON=n"}, the script's late-report argument; {@code "0"} when there is nothing. */
        String encode() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < byReason.length; i++) {
                if (byReason[i] > 0) {
                    sb.append(sb.isEmpty() ? "" : " ").append(REASONS[i].name()).append('=').append(byReason[i]);
                }
            }
            return sb.isEmpty() ? "0" : sb.toString();
        }
    }

    private final AtomicLongArray total = new AtomicLongArray(REASONS.length);
    private final AtomicLongArray unreported = new AtomicLongArray(REASONS.length);
    /** Sum of {@link #unreported}, so that the common case checks one value. */
    private final AtomicLong anyUnreported = new AtomicLong();
    private final AtomicLong statsErrors = new AtomicLong();
    private final AtomicLong lostEvents = new AtomicLong();
    private final AtomicLong lastKnownBlocks = new AtomicLong();
    private final AtomicLong failOpenCapped = new AtomicLong();

    /** A decision taken without Redis. */
    void decidedWithoutRedis(Reason reason) {
        total.incrementAndGet(reason.ordinal());
        unreported.incrementAndGet(reason.ordinal());
        anyUnreported.incrementAndGet();
    }

    /**
     * A decision Redis took but could not count (its statistics write failed): reported with the next call, so the
     * fleet-wide counters still see it.
     */
    void reportLater(Reason reason) {
        unreported.incrementAndGet(reason.ordinal());
        anyUnreported.incrementAndGet();
    }

    Pending take() {
        // Cheap read first: the common case has nothing to report and must not write shared cache lines.
        if (anyUnreported.get() == 0) {
            return Pending.NONE;
        }
        long[] counts = new long[REASONS.length];
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = unreported.getAndSet(i, 0);
            sum += counts[i];
        }
        anyUnreported.addAndGet(-sum);
        return new Pending(counts);
    }

    void giveBack(Pending pending) {
        if (pending == Pending.NONE) {
            return;
        }
        long sum = 0;
        for (int i = 0; i < pending.byReason().length; i++) {
            if (pending.byReason()[i] > 0) {
                unreported.addAndGet(i, pending.byReason()[i]);
                sum += pending.byReason()[i];
            }
        }
        anyUnreported.addAndGet(sum);
    }

    void statsError() {
        statsErrors.incrementAndGet();
    }

    void lostEvents(long count) {
        lostEvents.addAndGet(count);
    }

    void lastKnownBlock() {
        lastKnownBlocks.incrementAndGet();
    }

    void failOpenCapped() {
        failOpenCapped.incrementAndGet();
    }

    FailureStats snapshot() {
        return new FailureStats(total.get(Reason.FAIL_OPEN_ERROR.ordinal()), total.get(Reason.FAIL_CLOSED_ERROR.ordinal()),
                unreported.get(Reason.FAIL_OPEN_ERROR.ordinal()), unreported.get(Reason.FAIL_CLOSED_ERROR.ordinal()),
                statsErrors.get(), total.get(Reason.CONFIG_ERROR.ordinal()), lastKnownBlocks.get(),
                failOpenCapped.get(), lostEvents.get());
    }
}
