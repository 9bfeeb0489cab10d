package quantum.safety.kernel;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per interval, saying how many occurrences it left out, so that a Redis
 * outage under thousands of decisions per second gives one line a minute rather than a flood.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    /** Logs at WARN when the interval has passed since the last line; returns whether it logged. */
    boolean warn(String message, Throwable cause) {
        return log(false, message, cause);
    }

    /** Logs at ERROR when the interval has passed since the last line; returns whether it logged. */
    boolean error(String message, Throwable cause) {
        return log(true, message, cause);
    }

    private boolean log(boolean error, String message, Throwable cause) {
        long now = nanoClock.getAsLong();
        long next = nextAllowed.get();
        if (now - next < 0 || !nextAllowed.compareAndSet(next, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        long left = suppressed.getAndSet(0);
        String suffix = left == 0 ? "" : " (" + left + " more since the last line)";
        if (cause == null) {
            emit(error, message + suffix);
        } else if (log.isDebugEnabled()) {
            if (error) {
                log.error(message + suffix, cause);
            } else {
                log.warn(message + suffix, cause);
            }
        } else {
            emit(error, message + suffix + ": " + describe(cause));
        }
        return true;
    }

    private void emit(boolean error, String line) {
        if (error) {
            log.error(line);
        } else {
            log.warn(line);
        }
    }

    /** The failure in one line: its type and message, which for Redis errors never carry a password. */
    static String describe(Throwable cause) {
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null ? "" : " " + text.strip().replace('\n', ' '));
    }
}
