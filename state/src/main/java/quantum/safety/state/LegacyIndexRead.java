package quantum.safety.state;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.UnifiedJedis;

/**
 * One read of some windows' top symbols through a {@link LegacySymbolIndex}, in up to three steps, each one round trip
 * for every window still unproven ({@link LegacyTopProof}):
 *
 * <ol>
 *   <li>The candidates: when an earlier read of this window knew every symbol's counter ({@link LegacyWindowCounts}),
 *       only its busiest symbols are read again. The others are bounded by what they held then plus what the global
 *       counter leaves, in the current window: its counters were created in it and expire no earlier than 2 s after it
 *       ends, and the old kernel never decrements them, so they only grow (only a counter deleted by hand could
 *       break this). Or by what they held then alone, in a window that had closed before that read and before a
 *       complete walk started: nothing is counted in it any more, its counters only expire.</li>
 *   <li>Every known symbol's counter; proven when the global counter leaves less than the last rank for the counters the
 *       index does not know, or when the window closed before a complete walk of the keyspace started.</li>
 *   <li>A walk of the keyspace on the caller's client (bounded by the budget), then step 2 again: then as complete as a
 *       scan of the keyspace, or truncated when the budget ran out.</li>
 * </ol>
 */
final class LegacyIndexRead {

    /** How many of a window's busiest symbols step 1 reads, as a multiple of the symbols shown (at least 20). */
    static final int CANDIDATES_PER_RANK = 4;

    private final LegacySymbolIndex index;
    private final UnifiedJedis redis;
    private final RedisSchema schema;
    private final int n;
    private final long nowMillis;
    private final long windowMillis;
    private final long closeMarginMillis;
    private final ReadBudget budget;
    private final Set<Long> pending;
    private final Map<Long, LegacyTop> results = new LinkedHashMap<>();
    private final Map<Long, LegacyTop> unproven = new HashMap<>();
    /**
     * When the last complete walk started (Redis clock), taken before the step's snapshot: then every symbol that walk
     * saw is in the snapshot, which the "closed before the walk" rule needs.
     */
    private long walkStartMillis;

    LegacyIndexRead(LegacySymbolIndex index, UnifiedJedis redis, RedisSchema schema, Set<Long> buckets, int n,
                    long nowMillis, int windowSeconds, Duration closeMargin, ReadBudget budget) {
        this.index = index;
        this.redis = redis;
        this.schema = schema;
        this.n = n;
        this.nowMillis = nowMillis;
        this.windowMillis = windowSeconds * 1000L;
        this.closeMarginMillis = closeMargin.toMillis();
        this.budget = budget;
        this.pending = new LinkedHashSet<>(buckets);
    }

    Map<Long, LegacyTop> run() {
        if (!budget.exhausted()) {
            readCandidates();
        }
        if (!pending.isEmpty() && !budget.exhausted() && index.snapshot().size() > 0) {
            readAll(false);
        }
        if (!pending.isEmpty() && !budget.exhausted()) {
            boolean complete = index.walkNow(redis, budget);
            if (!budget.exhausted()) {
                readAll(complete);
            }
        }
        for (long bucket : pending) {
            results.put(bucket, unproven.getOrDefault(bucket, LegacyTop.empty(true)));
        }
        return results;
    }

    private void readCandidates() {
        walkStartMillis = index.completedWalkStartMillis(nowMillis);
        LegacySymbolSnapshot current = index.snapshot();
        Map<Long, LegacyWindowCounts> earlier = new HashMap<>();
        Map<Long, byte[][]> keys = new HashMap<>();
        for (long bucket : pending) {
            LegacyWindowCounts counts = index.counts(bucket);
            if (counts != null && counts.symbols() == current && (growing(bucket) || settled(counts))) {
                earlier.put(bucket, counts);
                keys.put(bucket, counts.candidateKeys());
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        LegacyCountRead.read(redis, schema, keys).forEach((bucket, read) -> {
            LegacyWindowCounts counts = earlier.get(bucket);
            LegacyTopProof.Ranked ranked = LegacyTopProof.rank(current, counts.candidates(), read.values(), n);
            // A candidate's own loss (expired, deleted) only widens the slack: the candidates are read afresh.
            long bound = growing(bucket)
                    ? plus(Math.max(counts.outsideMax(), 0),
                            LegacyTopProof.globalSlack(read.global(), ranked.sum(), counts.outsideSum()))
                    : counts.outsideMax();
            if (LegacyTopProof.proven(ranked, bound, n)) {
                done(bucket, new LegacyTop(ranked.top(), false, counts.bad() || read.bad(), index.age()));
            }
        });
    }

    /** Step 2: every known symbol; keeps what it read for step 1 of later reads. */
    private void readAll(boolean afterCompleteWalk) {
        walkStartMillis = index.completedWalkStartMillis(nowMillis);
        LegacySymbolSnapshot symbols = index.snapshot();
        Map<Long, byte[][]> keys = new HashMap<>();
        for (long bucket : pending) {
            byte[] suffix = LegacySymbolSnapshot.bucket(bucket);
            byte[][] bucketKeys = new byte[symbols.size()][];
            for (int i = 0; i < bucketKeys.length; i++) {
                bucketKeys[i] = symbols.key(i, suffix);
            }
            keys.put(bucket, bucketKeys);
        }
        LegacyCountRead.read(redis, schema, keys).forEach((bucket, read) -> {
            index.keep(LegacyWindowCounts.of(symbols, bucket, read.values(), read.bad(), nowMillis,
                    Math.max(20, CANDIDATES_PER_RANK * n)));
            LegacyTopProof.Ranked ranked = LegacyTopProof.rank(symbols, null, read.values(), n);
            long bound = closedBeforeWalk(bucket) ? LegacyTopProof.NONE_OUTSIDE
                    : LegacyTopProof.globalSlack(read.global(), ranked.sum(), 0);
            boolean proven = LegacyTopProof.proven(ranked, bound, n);
            LegacyTop top = new LegacyTop(ranked.top(), !proven && !afterCompleteWalk, read.bad(), index.age());
            if (proven || afterCompleteWalk) {
                done(bucket, top);
            } else {
                unproven.put(bucket, top);
            }
        });
    }

    private void done(long bucket, LegacyTop top) {
        results.put(bucket, top);
        pending.remove(bucket);
    }

    /** The window is the current one on the Redis clock: its counters only grow (see the class comment). */
    private boolean growing(long bucket) {
        return nowMillis < end(bucket);
    }

    /** Counts read after the window closed, and no counter created since: they can only have expired. */
    private boolean settled(LegacyWindowCounts counts) {
        return closedBeforeWalk(counts.bucket()) && counts.readAtMillis() >= end(counts.bucket()) + closeMarginMillis;
    }

    /** A complete walk started after the window ended (plus the margin): the index knows every counter it has. */
    private boolean closedBeforeWalk(long bucket) {
        return walkStartMillis != Long.MIN_VALUE && walkStartMillis >= end(bucket) + closeMarginMillis;
    }

    private long end(long bucket) {
        return (bucket + 1) * windowMillis;
    }

    private static long plus(long outsideMax, long slack) {
        return slack == LegacyTopProof.UNBOUNDED ? slack : LegacyTopProof.saturatedAdd(outsideMax, slack);
    }
}
