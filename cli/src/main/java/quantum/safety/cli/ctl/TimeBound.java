package quantum.safety.cli.ctl;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import quantum.safety.cli.DurationConverter;
import quantum.safety.exporter.status.StatusFormat;

/**
 * One end of a time range as an operator types it: a duration ago ({@code 15m}, {@code 6h}, {@code 2d}), measured on
 * the Redis server's clock like every kernel timestamp, or an RFC 3339 timestamp ({@code 2026-03-01T09:30:00Z},
 * {@code 2026-03-01T10:30:00+01:00}) for a range an incident report names.
 */
sealed interface TimeBound {

    /** The bound in Unix milliseconds, given the server's "now". */
    long millis(long nowMillis);

    /** For summaries: {@code 2026-03-01 09:30:00Z} or {@code 6h 0m 0s ago}. */
    String describe();

    /** A duration before now. */
    record Ago(Duration duration) implements TimeBound {
        @Override
        public long millis(long nowMillis) {
            return nowMillis - duration.toMillis();
        }

        @Override
        public String describe() {
            return StatusFormat.duration(duration.toSeconds()) + " ago";
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
            return StatusFormat.time(instant);
        }
    }

    /** Parses either form; anything else is a usage error (exit 2) naming both forms. */
    static TimeBound parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.length() > 10 && Character.isDigit(value.charAt(0)) && value.charAt(4) == '-') {
            try {
                // RFC 3339 allows a lower-case t and z, and a space between date and time.
                String iso = value.toUpperCase(Locale.ROOT).replace(' ', 'T');
                return new At(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + text + "' is not an RFC 3339 timestamp; use e.g. "
                        + "2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00, or a duration ago such as 6h");
            }
        }
        Duration duration;
        try {
            duration = DurationConverter.parse(value);
        } catch (TypeConversionException e) {
            throw new TypeConversionException("'" + text + "' is neither a duration ago (e.g. 15m, 6h, 2d) nor an "
                    + "RFC 3339 timestamp (e.g. 2026-03-01T09:30:00Z)");
        }
        return new Ago(duration);
    }

    /** The picocli converter of {@code --since} and {@code --until}. */
    final class Converter implements ITypeConverter<TimeBound> {
        @Override
        public TimeBound convert(String value) {
            return parse(value);
        }
    }
}
