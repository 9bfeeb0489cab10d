package quantum.safety.exporter.scrape;

import java.time.Duration;

/**
 * How long one scrape may take: a little less than Prometheus' own timeout (sent in
 * {@code X-Prometheus-Scrape-Timeout-Seconds}), never more than {@code --web.max-scrape-timeout}.
 *
 * <p>The margin (a quarter of the timeout, at most 500 ms) leaves time to encode and send the answer, so Prometheus
 * gets partial data instead of a timeout.
 */
public final class ScrapeBudget {

    public static final String HEADER = "X-Prometheus-Scrape-Timeout-Seconds";
    static final Duration MAX_MARGIN = Duration.ofMillis(500);
    static final Duration MIN_BUDGET = Duration.ofMillis(10);

    private ScrapeBudget() {
    }

    /** The budget for a scrape with this header value (null or garbage: the cap). */
    public static Duration of(String headerValue, Duration cap) {
        Duration budget = cap;
        if (headerValue != null && !headerValue.isBlank()) {
            try {
                double seconds = Double.parseDouble(headerValue.trim());
                if (seconds > 0 && Double.isFinite(seconds)) {
                    Duration timeout = Duration.ofNanos((long) (seconds * 1e9));
                    Duration margin = timeout.dividedBy(4).compareTo(MAX_MARGIN) < 0 ? timeout.dividedBy(4) : MAX_MARGIN;
                    Duration fromHeader = timeout.minus(margin);
                    budget = fromHeader.compareTo(cap) < 0 ? fromHeader : cap;
                }
            } catch (NumberFormatException ignored) {
                // a header we cannot read is no header
            }
        }
        return budget.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : budget;
    }
}
