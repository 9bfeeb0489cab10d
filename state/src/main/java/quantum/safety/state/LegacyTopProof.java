package quantum.safety.state;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Ranks the legacy counters read for one window and decides whether they are provably its top: whether a counter that
 * was not read could hold as much as the last symbol shown.
 *
 * <p>The bound comes from how the old kernel counts: every intent that reaches a symbol counter went through the
 * window's global counter first (INCR global, then INCR symbol), so at any instant the global counter is at least the
 * sum of the window's symbol counters. Read after them, it bounds what the counters not read hold together:
 * {@code global - (the counters read) - (what the others held when last read)}, as long as no counter of the window
 * shrank since (see {@link LegacyIndexRead} for when that holds).
 */
final class LegacyTopProof {

    /** No counter outside those read exists. */
    static final long NONE_OUTSIDE = Long.MIN_VALUE;
    /** Nothing bounds the counters outside those read. */
    static final long UNBOUNDED = Long.MAX_VALUE;

    /** The top {@code n} (busiest first, ties by symbol) of the counters read, how many are above 0, and their sum. */
    record Ranked(List<SymbolCount> top, long positives, long sum) {
    }

    private LegacyTopProof() {
    }

    /** Ranks the counters {@code values[k]} of the symbols {@code indices[k]} (all symbols when null). */
    static Ranked rank(LegacySymbolSnapshot symbols, int[] indices, long[] values, int n) {
        List<SymbolCount> top = new ArrayList<>(n + 1);
        long positives = 0;
        long sum = 0;
        for (int k = 0; k < values.length; k++) {
            long value = values[k];
            sum = saturatedAdd(sum, value);
            if (value <= 0) {
                continue;
            }
            positives++;
            if (top.size() == n && value < top.get(n - 1).count()) {
                continue;
            }
            SymbolCount entry = new SymbolCount(symbols.symbol(indices == null ? k : indices[k]), value);
            int at = top.size();
            while (at > 0 && SymbolCount.RANKING.compare(entry, top.get(at - 1)) < 0) {
                at--;
            }
            if (at < n) {
                top.add(at, entry);
                if (top.size() > n) {
                    top.remove(n);
                }
            }
        }
        return new Ranked(top, positives, sum);
    }

    /**
     * Whether no counter outside those read can rank in {@code ranked.top()}.
     *
     * @param bound the most any counter outside those read can hold, {@link #NONE_OUTSIDE} or {@link #UNBOUNDED}
     */
    static boolean proven(Ranked ranked, long bound, int n) {
        if (bound == UNBOUNDED) {
            return false;
        }
        if (ranked.positives() < n) {
            // Any counter above 0 outside would take a free rank.
            return bound <= 0;
        }
        // Below the last rank a counter cannot enter; at it, a tie could (ties go by symbol).
        return bound < ranked.top().get(n - 1).count();
    }

    /**
     * What the global counter leaves for the counters outside those read: the global counter less the counters read
     * ({@code sumRead}) and what the counters outside held when last read ({@code outsideSum}, 0 for none).
     */
    static long globalSlack(OptionalLong global, long sumRead, long outsideSum) {
        if (global.isEmpty()) {
            return UNBOUNDED;
        }
        long slack = global.getAsLong() - sumRead - outsideSum;
        // Below 0 the counters do not add up as the old kernel writes them: nothing can be concluded.
        return slack < 0 ? UNBOUNDED : slack;
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE + 1 : UNBOUNDED;
        }
        return sum;
    }
}
