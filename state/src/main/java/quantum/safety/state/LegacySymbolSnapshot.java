package quantum.safety.state;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import quantum.safety.kernel.RedisSchema;

/**
 * The symbols a {@link LegacySymbolIndex} knows, frozen, with the start of each one's counter key as bytes: a read builds
 * thousands of keys per window, so it appends only the bucket. Any change to the symbols makes a new snapshot, and
 * counts read with an older one are no longer used ({@link LegacyWindowCounts}).
 */
final class LegacySymbolSnapshot {

    static final LegacySymbolSnapshot EMPTY = new LegacySymbolSnapshot("", List.of());

    private final String[] symbols;
    private final byte[][] keyHeads;

    private LegacySymbolSnapshot(String head, Collection<String> symbols) {
        this.symbols = symbols.toArray(String[]::new);
        this.keyHeads = new byte[this.symbols.length][];
        for (int i = 0; i < this.symbols.length; i++) {
            keyHeads[i] = (head + this.symbols[i] + ":").getBytes(StandardCharsets.UTF_8);
        }
    }

    static LegacySymbolSnapshot of(RedisSchema schema, Collection<String> symbols) {
        return new LegacySymbolSnapshot(LegacyCounterKey.head(schema), symbols);
    }

    int size() {
        return symbols.length;
    }

    String symbol(int i) {
        return symbols[i];
    }

    /** The counter key of symbol {@code i} in a bucket given as bytes ({@link #bucket(long)}). */
    byte[] key(int i, byte[] bucket) {
        byte[] head = keyHeads[i];
        byte[] key = new byte[head.length + bucket.length];
        System.arraycopy(head, 0, key, 0, head.length);
        System.arraycopy(bucket, 0, key, head.length, bucket.length);
        return key;
    }

    static byte[] bucket(long bucket) {
        return Long.toString(bucket).getBytes(StandardCharsets.US_ASCII);
    }
}
