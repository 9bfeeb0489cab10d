package quantum.safety.web.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One end of a time range as a person types it, in {@code ctl faults --since/--until} and the archive's
 * {@code /audit?since=…&until=…}: a duration ago ({@code 15m}, {@code 6h}, {@code 2d}, {@code 1h30m}) or an RFC 3339
 * timestamp ({@code 2026-03-01T09:30:00Z}, {@code 2026-03-01T10:30:00+01:00}) for a range an incident report names.
 */
public sealed interface TimeBound {

    /** The bound in Unix milliseconds, given "now" (the Redis server's clock, or the archive's). */
    long millis(long nowMillis);

    /** {@code 6h 0m 0s ago} or {@code 2026-03-01 09:30:00Z}, for messages. */
    String describe();

    /** A duration before now. */
    record Ago(Duration duration) implements TimeBound {
        @Override
        public long millis(long nowMillis) {
            return nowMillis - duration.toMillis();
        }

        @Override
        public String describe() {
            return seconds(duration.toSeconds()) + " ago";
        }
    }

    /** A fixed instant. */
    record At(Instant instant) implements TimeBound {
        @Override
        public long millis(long nowMillis) {
            return instant.toEpochMilli();
        }

        @Override
        public String describe() {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                    .format(instant);
        }
    }

    /**
     * Parses either form.
     *
     * @throws IllegalArgumentException with one line that quotes the text and shows both forms
     */
    static TimeBound parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.length() > 10 && Character.isDigit(value.charAt(0)) && value.charAt(4) == '-') {
            try {
                // RFC 3339 allows a lower-case t and z, and a space between date and time.
                String iso = value.toUpperCase(Locale.ROOT).replace(' ', 'T');
                return new At(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an RFC 3339 timestamp; use e.g. "
                        + "2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00, or a duration ago such as 6h");
            }
        }
        return new Ago(duration(value).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is neither a "
                + "duration ago (e.g. 15m, 6h, 2d) nor an RFC 3339 timestamp (e.g. 2026-03-01T09:30:00Z)")));
    }

    /** Durations the Prometheus way ({@code 250ms}, {@code 10s}, {@code 1h30m}, {@code 2d}); a bare number is seconds. */
    private static java.util.Optional<Duration> duration(String text) {
        if (text.matches("\\d{1,12}")) {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        Matcher m = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        return text.isEmpty() || end != text.length() ? java.util.Optional.empty() : java.util.Optional.of(total);
    }

    private static String seconds(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        return (h > 0 ? h + "h " : "") + (h > 0 || m > 0 ? m + "m " : "") + seconds % 60 + "s";
    }
}
