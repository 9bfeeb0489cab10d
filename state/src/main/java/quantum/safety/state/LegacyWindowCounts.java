package quantum.safety.state;

/**
 * What a read of every known symbol's counter found for one window, kept for the next reads of the same window: its
 * busiest symbols (the candidates, which a later read reads again) and, for all the others, the largest counter and
 * their sum as read. Valid only with the {@link LegacySymbolSnapshot} it was read with.
 */
final class LegacyWindowCounts {

    private final LegacySymbolSnapshot symbols;
    private final long bucket;
    private final long readAtMillis;
    private final boolean bad;
    private final int[] candidates;
    private final long outsideMax;
    private final long outsideSum;

    private LegacyWindowCounts(LegacySymbolSnapshot symbols, long bucket, long readAtMillis, boolean bad,
                               int[] candidates, long outsideMax, long outsideSum) {
        this.symbols = symbols;
        this.bucket = bucket;
        this.readAtMillis = readAtMillis;
        this.bad = bad;
        this.candidates = candidates;
        this.outsideMax = outsideMax;
        this.outsideSum = outsideSum;
    }

    /**
     * @param values       every symbol's counter, in the snapshot's order
     * @param readAtMillis when they were read, on the Redis clock
     * @param candidates   how many of the busiest to read again next time
     */
    static LegacyWindowCounts of(LegacySymbolSnapshot symbols, long bucket, long[] values, boolean bad,
                                 long readAtMillis, int candidates) {
        int[] best = new int[Math.min(candidates, values.length)];
        int size = 0;
        long outsideMax = LegacyTopProof.NONE_OUTSIDE;
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            total = LegacyTopProof.saturatedAdd(total, values[i]);
            int dropped = i;
            if (size < best.length) {
                size++;
            } else if (best.length > 0 && values[i] > values[best[size - 1]]) {
                dropped = best[size - 1];
            } else {
                outsideMax = Math.max(outsideMax, values[i]);
                continue;
            }
            int at = size - 1;
            while (at > 0 && values[best[at - 1]] < values[i]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
            if (dropped != i) {
                outsideMax = Math.max(outsideMax, values[dropped]);
            }
        }
        long candidateSum = 0;
        for (int index : best) {
            candidateSum = LegacyTopProof.saturatedAdd(candidateSum, values[index]);
        }
        return new LegacyWindowCounts(symbols, bucket, readAtMillis, bad, best, outsideMax, total - candidateSum);
    }

    LegacySymbolSnapshot symbols() {
        return symbols;
    }

    long bucket() {
        return bucket;
    }

    long readAtMillis() {
        return readAtMillis;
    }

    boolean bad() {
        return bad;
    }

    /** The indices (in the snapshot) of the busiest symbols as read. */
    int[] candidates() {
        return candidates.clone();
    }

    byte[][] candidateKeys() {
        byte[] suffix = LegacySymbolSnapshot.bucket(bucket);
        byte[][] keys = new byte[candidates.length][];
        for (int k = 0; k < candidates.length; k++) {
            keys[k] = symbols.key(candidates[k], suffix);
        }
        return keys;
    }

    /** The largest counter of the symbols not among the candidates as read; {@link LegacyTopProof#NONE_OUTSIDE} if none. */
    long outsideMax() {
        return outsideMax;
    }

    /** The sum of the counters of the symbols not among the candidates, as read. */
    long outsideSum() {
        return outsideSum;
    }
}
