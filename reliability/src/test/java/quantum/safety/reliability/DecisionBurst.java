package quantum.safety.reliability;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Intent;
import quantum.safety.kernel.Reason;
import quantum.safety.kernel.SafetyKernel;

/**
 * A steady stream of decisions on a few threads (one every {@code periodMicros} per thread) while a test breaks
 * Redis; it counts every reason and remembers when the fail policy first and last answered, and when Redis decided
 * again after a given instant.
 */
final class DecisionBurst implements AutoCloseable {

    private final SafetyKernel kernel;
    private final ScheduledExecutorService pool;
    private final Map<Reason, AtomicLong> reasons = new EnumMap<>(Reason.class);
    private final Recovery recovery = new Recovery();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong firstFailure = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastFailure = new AtomicLong();
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong symbolSeq = new AtomicLong();

    DecisionBurst(SafetyKernel kernel, int threads, long periodMicros) {
        this.kernel = kernel;
        for (Reason r : Reason.values()) {
            reasons.put(r, new AtomicLong());
        }
        this.pool = Executors.newScheduledThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.scheduleAtFixedRate(this::decideOnce, 0, periodMicros, TimeUnit.MICROSECONDS);
        }
    }

    private void decideOnce() {
        // Many symbols, so that the per-symbol limit does not trip in a long burst.
        Decision d = kernel.decide(Intent.of("SYM" + (symbolSeq.incrementAndGet() % 500), "BUY"));
        long now = System.nanoTime();
        total.incrementAndGet();
        reasons.get(d.reason()).incrementAndGet();
        if (d.reason() == Reason.FAIL_OPEN_ERROR || d.reason() == Reason.FAIL_CLOSED_ERROR) {
            firstFailure.accumulateAndGet(now, Math::min);
            lastFailure.accumulateAndGet(now, Math::max);
        } else {
            lastSuccess.accumulateAndGet(now, Math::max);
            recovery.success(System.nanoTime());
        }
    }

    long total() {
        return total.get();
    }

    long count(Reason reason) {
        return reasons.get(reason).get();
    }

    long failures() {
        return count(Reason.FAIL_OPEN_ERROR) + count(Reason.FAIL_CLOSED_ERROR);
    }

    /** Nanos of the last decision Redis took itself, 0 if none. */
    long lastSuccessNanos() {
        return lastSuccess.get();
    }

    /** Milliseconds between the first and the last fail-policy answer; 0 when there was none. */
    long failureWindowMillis() {
        long first = firstFailure.get();
        return first == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(lastFailure.get() - first);
    }

    Map<Reason, Long> snapshot() {
        Map<Reason, Long> out = new EnumMap<>(Reason.class);
        reasons.forEach((r, n) -> out.put(r, n.get()));
        return out;
    }

    /** Marks the moment after which the first success counts as recovery. */
    Recovery recovery() {
        return recovery;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
