package quantum.safety.ops.backtest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import quantum.safety.ops.OpsInputException;

/**
 * A point in time as an operator writes it for {@code --from}/{@code --to}: RFC 3339 ({@code 2026-01-19T03:00:00Z},
 * {@code 2026-01-19T04:00:00+01:00}), {@code now}, {@code now-24h}, or a bare duration meaning that long ago
 * ({@code 7d}).
 */
public final class TimeSpec {

    private TimeSpec() {
    }

    /** The instant, or bad input naming {@code flag} and the forms it takes. */
    public static Instant parse(String flag, String text, Instant now) {
        String value = text == null ? "" : text.strip();
        try {
            if (value.equals("now")) {
                return now;
            }
            if (value.startsWith("now-")) {
                return now.minus(PromDuration.parse(value.substring(4)));
            }
            if (!value.isEmpty() && Character.isDigit(value.charAt(0)) && !value.contains("T")) {
                return now.minus(PromDuration.parse(value));
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new OpsInputException(flag + " '" + text + "' is not a time; use RFC 3339 "
                    + "(2026-01-19T03:00:00Z), now, now-24h, or a duration ago (7d)");
        }
    }
}
