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
 * {@code /audit?since=…&until=…}: a duration ago ({@code 15m}, {@code 6h}, {@code 2d}, {@code 1h30m}), the same as
 * {@code now-DURATION} (as {@code ops backtest} takes it), {@code now}, or an RFC 3339 timestamp
 * ({@code 2026-03-01T09:30:00Z}, {@code 2026-03-01T10:30:00+01:00}) for a range an incident report names.
 */
public sealed interface TimeBound {

    /** The bound in Unix milliseconds, given "now" (the Redis server's clock, or the archive's). */
    long millis(long nowMillis);

    /** {@code 6h 0m 0s ago} or {@code 2026-03-01 09:30:00Z}, for messages. */
    String describe();

    /** A duration before now. */
    record Ago(Duration duration) implements TimeBound {
        /** @throws IllegalArgumentException when that long ago is before 1970 */
        @Override
        public long millis(long nowMillis) {
            long millis = nowMillis - duration.toMillis();
            if (millis < 0) {
                throw new IllegalArgumentException(describe() + " is before 1970-01-01, where stream ids begin; use a "
                        + "shorter duration (e.g. 30d) or a timestamp");
            }
            return millis;
        }

        @Override
        public String describe() {
            return duration.isZero() ? "now" : seconds(duration.toSeconds()) + " ago";
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
        if (value.equalsIgnoreCase("now")) {
            return new Ago(Duration.ZERO);
        }
        if (value.regionMatches(true, 0, "now-", 0, 4)) {
            value = value.substring(4);
        }
        if (value.length() > 10 && Character.isDigit(value.charAt(0)) && value.charAt(4) == '-') {
            try {
                // RFC 3339 allows a lower-case t and z, and a space between date and time.
                String iso = value.toUpperCase(Locale.ROOT).replace(' ', 'T');
                Instant instant = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                if (instant.isBefore(Instant.EPOCH)) {
                    throw new IllegalArgumentException("'" + text + "' is before 1970-01-01, where stream ids begin; "
                            + "give a later timestamp");
                }
                return new At(instant);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an RFC 3339 timestamp; use e.g. "
                        + "2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00, or a duration ago such as 6h");
            }
        }
        Duration ago = duration(value).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is neither a "
                + "duration ago (e.g. 15m, 6h, 2d, now-6h, now) nor an RFC 3339 timestamp "
                + "(e.g. 2026-03-01T09:30:00Z)"));
        if (ago.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("'" + text + "' reaches back before 1970-01-01, where stream ids begin; "
                    + "use a shorter duration (e.g. 30d) or a timestamp");
        }
        return new Ago(ago);
    }

    /** Longer than any range since 1970 for the next millennia; keeps the millisecond arithmetic from overflowing. */
    Duration LONGEST = Duration.ofDays(366L * 10_000);

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
            Duration part = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            // Capped as it adds up: 12 digits of days fit a Duration, but not the sum of many such parts.
            total = total.plus(part.compareTo(LONGEST) > 0 ? LONGEST.plusDays(1) : part);
            total = total.compareTo(LONGEST) > 0 ? LONGEST.plusDays(1) : total;
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
