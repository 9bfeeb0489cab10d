package quantum.safety.service.http;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Whether the service can decide: Redis answers and holds the decision script, and the service is not stopping.
 * A probe checks Redis at most once a second, however many probes and scrapes ask.
 */
public final class Readiness {

    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final Supplier<Optional<String>> kernelCheck;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Optional<String> last = Optional.of("not checked yet");
    private volatile long checkedAt = System.nanoTime() - 2 * RECHECK_NANOS;

    /** @param kernelCheck empty when the kernel can decide, else why not */
    public Readiness(Supplier<Optional<String>> kernelCheck) {
        this.kernelCheck = kernelCheck;
    }

    /** Empty when ready, else why not, in words for an operator. */
    public synchronized Optional<String> notReadyBecause() {
        if (stopping.get()) {
            return Optional.of("the service is shutting down");
        }
        long now = System.nanoTime();
        if (now - checkedAt >= RECHECK_NANOS) {
            last = kernelCheck.get();
            checkedAt = now;
        }
        return last;
    }

    public boolean ready() {
        return notReadyBecause().isEmpty();
    }

    void stopping() {
        stopping.set(true);
    }

    boolean isStopping() {
        return stopping.get();
    }
}
