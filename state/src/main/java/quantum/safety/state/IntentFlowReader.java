package quantum.safety.state;

import java.util.Optional;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads {@link IntentFlow}. Given the newest id the caller has seen, it reads from there (at most
 * {@link #MAX_CATCH_UP_MILLIS} back) rather than from the start of the minute, so that a caller counting appended
 * intents itself (Redis 6.2 has no {@code entries-added}) misses none between two reads.
 */
final class IntentFlowReader {

    /** How far back a read catches up after a long gap. */
    static final long MAX_CATCH_UP_MILLIS = 10 * IntentFlow.MINUTE_MILLIS;

    private final StreamRangeRead range;

    private IntentFlowReader(StreamRangeRead range) {
        this.range = range;
    }

    static IntentFlowReader queue(AbstractPipeline pipeline, String key, long nowMillis, boolean entriesAdded,
                                  Optional<StreamEntryID> seen) {
        long cutoff = nowMillis - IntentFlow.MINUTE_MILLIS;
        return new IntentFlowReader(new StreamRangeRead(pipeline, key, cutoff, readStart(cutoff, seen, nowMillis),
                seen, entriesAdded));
    }

    /** From the cutoff, or from the last id seen when that is older, but never beyond the catch-up. */
    private static String readStart(long cutoff, Optional<StreamEntryID> seen, long nowMillis) {
        if (seen.isEmpty() || seen.get().getTime() >= cutoff) {
            return StreamPages.idAt(cutoff);
        }
        long floor = nowMillis - MAX_CATCH_UP_MILLIS;
        return seen.get().getTime() >= floor ? "(" + seen.get() : StreamPages.idAt(floor);
    }

    IntentFlow finish(UnifiedJedis redis, ReadBudget budget) {
        Problems problems = new Problems();
        return new IntentFlow(range.length(problems), range.window(redis, budget, "the last minute", problems, e -> { }),
                range.entriesAdded(problems), problems.lines());
    }
}
