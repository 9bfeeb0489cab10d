package quantum.safety.kernel.log;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per interval per topic, saying how many occurrences it left out, so that a
 * Redis outage under thousands of decisions per second, or bad data seen on every scrape, gives one line a minute
 * rather than a flood. Topics are independent: one problem's lines never hide another's. Use a fixed set of topic
 * names, not text from Redis or a request, since each topic is kept for the life of the log.
 *
 * <p>A cause goes on the same line as its type and message ({@link #describe}); its stack trace only when the
 * logger is at DEBUG, because a trace's nested messages may carry what the one line leaves out.
 */
public final class RateLimitedLog {

    /** The default interval: a few scrapes of the legacy 15 s job, and the kernel's default fail-log interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Topic> topics = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    /** {@code nanoClock} reads like {@link System#nanoTime()}; tests pass their own to move time by hand. */
    public RateLimitedLog(Logger log, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Logs at WARN unless {@code topic} logged less than an interval ago; returns whether it logged. */
    public boolean warn(String topic, String message) {
        return log(topic, false, message, null);
    }

    /** Logs at WARN with {@code cause} (null: none) unless {@code topic} logged less than an interval ago. */
    public boolean warn(String topic, String message, Throwable cause) {
        return log(topic, false, message, cause);
    }

    /** Logs at ERROR unless {@code topic} logged less than an interval ago; returns whether it logged. */
    public boolean error(String topic, String message) {
        return log(topic, true, message, null);
    }

    /** Logs at ERROR with {@code cause} (null: none) unless {@code topic} logged less than an interval ago. */
    public boolean error(String topic, String message, Throwable cause) {
        return log(topic, true, message, cause);
    }

    private boolean log(String topic, boolean error, String message, Throwable cause) {
        long now = nanoClock.getAsLong();
        Topic state = topics.get(topic);
        if (state == null) {
            state = topics.computeIfAbsent(topic, t -> new Topic(now));
        }
        long left = state.claim(now, intervalNanos);
        if (left < 0) {
            return false;
        }
        String line = left == 0 ? message : message + " (" + left + " more since the last line)";
        if (cause == null) {
            emit(error, line);
        } else if (log.isDebugEnabled()) {
            if (error) {
                log.error(line, cause);
            } else {
                log.warn(line, cause);
            }
        } else {
            emit(error, line + ": " + describe(cause));
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
    public static String describe(Throwable cause) {
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null ? "" : " " + text.strip().replace('\n', ' '));
    }

    /**
     * One topic's next allowed line and the occurrences left out since its last. A short lock rather than two atomics:
     * with two, a call left out while the winner is still reading the count lands on the wrong line.
     */
    private static final class Topic {
        private long nextAllowed;
        private long suppressed;

        Topic(long now) {
            this.nextAllowed = now;
        }

        /** The occurrences left out since the last line when this one may log, else -1 (and counts it). */
        synchronized long claim(long now, long intervalNanos) {
            if (now - nextAllowed < 0) {
                suppressed++;
                return -1;
            }
            nextAllowed = now + intervalNanos;
            long left = suppressed;
            suppressed = 0;
            return left;
        }
    }
}
