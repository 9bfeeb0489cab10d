package quantum.safety.archive;

import java.time.Instant;

/**
 * A Redis stream entry id, {@code <milliseconds>-<sequence>}, kept exactly as two numbers (both unsigned 64-bit in
 * Redis; ids made from the server clock fit a signed long for the next 292 million years).
 */
public record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    public static final StreamId ZERO = new StreamId(0, 0);

    /** Parses {@code 1768784108123-0}; a bare number means sequence 0. */
    public static StreamId parse(String id) {
        int dash = id.indexOf('-');
        try {
            return dash < 0 ? new StreamId(Long.parseLong(id), 0)
                    : new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + id + "' is not a stream id (ms-seq)", e);
        }
    }

    /** When the entry was added, on the Redis server's clock. */
    public Instant time() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compareUnsigned(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence, other.sequence);
    }

    public boolean isAfter(StreamId other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
    }
}
