package quantum.safety.exporter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs a recurring condition (bad data under one key, Redis down) at most once per interval per topic, and says how
 * many repeats it swallowed, so that a problem seen on every scrape does not flood the log.
 */
public final class RateLimitedLog {

    /** The default interval: a few scrapes of the legacy 15 s job. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Logger logger;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, long[]> topics = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger logger, Duration interval) {
        this(logger, interval, System::nanoTime);
    }

    RateLimitedLog(Logger logger, Duration interval, LongSupplier nanoTime) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs a warning for {@code topic} unless one was logged less than an interval ago.
     *
     * @return whether the line was written
     */
    public boolean warn(String topic, String message) {
        long now = nanoTime.getAsLong();
        // state[0] = when the topic was last logged, state[1] = repeats swallowed since
        long[] state = topics.computeIfAbsent(topic, t -> new long[] {now - intervalNanos, 0});
        long suppressed;
        synchronized (state) {
            if (now - state[0] < intervalNanos) {
                state[1]++;
                return false;
            }
            suppressed = state[1];
            state[0] = now;
            state[1] = 0;
        }
        if (suppressed > 0) {
            logger.warn("{} ({} similar messages suppressed)", message, suppressed);
        } else {
            logger.warn("{}", message);
        }
        return true;
    }
}
