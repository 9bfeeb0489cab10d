package quantum.safety.exporter.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import quantum.safety.kernel.Text;

/** How both status renderings (terminal and web page) write times, durations and stored values. */
public final class StatusFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private StatusFormat() {
    }

    /** {@code 1h 4m 12s}, {@code 45s}. */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return (h > 0 ? h + "h " : "") + (h > 0 || m > 0 ? m + "m " : "") + s + "s";
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** Unix seconds as written in the info hash and fault events; the text itself when it is not a number. */
    public static String unixTime(String text, Instant now) {
        try {
            double value = Double.parseDouble(text.trim());
            if (value > 1e11) {
                value /= 1000;
            }
            Instant at = Instant.ofEpochMilli((long) (value * 1000));
            long ago = now.getEpochSecond() - at.getEpochSecond();
            return time(at) + (ago >= 0 ? " (" + duration(ago) + " ago)" : "");
        } catch (NumberFormatException | NullPointerException e) {
            return text == null ? "" : text;
        }
    }

    /**
     * A value from Redis made safe for one line of a table: control characters (newlines, escapes that could drive
     * a terminal) and bidirectional controls (which reorder what follows) become {@code \\uXXXX}, the characters the
     * kernel refuses in text ({@link Text#forbidden}), and very long values are cut.
     */
    public static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Text.forbidden(cp)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        if (b.codePointCount(0, b.length()) > max) {
            return b.substring(0, b.offsetByCodePoints(0, Math.max(1, max - 1))) + "…";
        }
        return b.toString();
    }
}
