package quantum.safety.state;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Entries ever appended to a stream, a counter that trimming cannot lower, and where it comes from.
 *
 * @param value the count; meaningful for {@link Source#ENTRIES_ADDED} and {@link Source#KERNEL_TRIPS} only
 */
public record StreamTotal(Source source, double value) {

    /** Where the count comes from, or why there is none. */
    public enum Source {
        /** {@code XINFO STREAM entries-added} (Redis 7.0+). */
        ENTRIES_ADDED,
        /** The kernel's {@code safety:totals trips} (Redis 6.2, fault stream only). */
        KERNEL_TRIPS,
        /** Nothing in Redis keeps it (Redis 6.2 with the legacy kernel, or any stream but the fault stream). */
        NOT_KEPT,
        /** It should be there but could not be read: a problem says why. */
        UNREADABLE
    }

    public static final StreamTotal NOT_KEPT = new StreamTotal(Source.NOT_KEPT, 0);
    public static final StreamTotal UNREADABLE = new StreamTotal(Source.UNREADABLE, 0);

    public StreamTotal {
        Objects.requireNonNull(source, "source");
    }

    static StreamTotal of(Source source, double value) {
        return new StreamTotal(source, value);
    }

    /** The count when Redis keeps one. */
    public OptionalDouble count() {
        return source == Source.ENTRIES_ADDED || source == Source.KERNEL_TRIPS ? OptionalDouble.of(value)
                : OptionalDouble.empty();
    }
}
