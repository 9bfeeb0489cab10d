package quantum.safety.ops.backtest;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Prometheus writes them in rule files and PromQL: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1w}. */
public final class PromDuration {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private PromDuration() {
    }

    /** The duration, or an {@link IllegalArgumentException} naming the text. */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            end = m.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 30s, 5m, 1h30m or 7d");
        }
        return total;
    }

    /** The shortest Prometheus spelling, e.g. {@code 90s} → {@code 1m30s}, {@code 0s} for zero. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                text.append(ms / sizes[i]).append(units[i]);
                ms %= sizes[i];
            }
        }
        return text.toString();
    }
}
