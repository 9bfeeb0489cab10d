package quantum.safety.service.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whether the service can decide: Redis answers and holds the decision script, and the service is not stopping.
 * Checked in the background every second (each check bounded by the decision timeout), so that {@code /-/ready} and
 * {@code /metrics} answer from the last check at once and never wait on a stalled Redis.
 */
public final class Readiness implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Supplier<Optional<String>> kernelCheck;
    private final ScheduledExecutorService checker;
    private volatile boolean stopping;
    private volatile Optional<String> last = Optional.of("not checked yet");

    /** @param kernelCheck empty when the kernel can decide, else why not */
    public Readiness(Supplier<Optional<String>> kernelCheck) {
        this.kernelCheck = kernelCheck;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "quantum-safety-readiness");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks now, then every second in the background. */
    public Readiness start() {
        check();
        checker.scheduleWithFixedDelay(this::check, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void check() {
        try {
            last = kernelCheck.get();
        } catch (RuntimeException e) {
            last = Optional.of("readiness check failed: " + quantum.safety.kernel.FailureWords.of(e));
        }
    }

    /** Empty when ready, else why not, in words for an operator; from the last check. */
    public Optional<String> notReadyBecause() {
        return stopping ? Optional.of("the service is shutting down") : last;
    }

    public boolean ready() {
        return notReadyBecause().isEmpty();
    }

    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
