package quantum.safety.cli.ctl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import quantum.safety.kernel.FaultEvent;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The newest faults of a time range that match the filters, read newest first in pages, so {@code --limit 20}
 * costs one page however long the stream is. Filtering may need more pages; they stop after {@link #MAX_SCANNED}
 * entries or the deadline, and the result says so.
 */
final class FaultQuery {

    static final int PAGE = 500;
    static final int MAX_SCANNED = 200_000;
    static final Duration BUDGET = Duration.ofSeconds(5);

    /** Oldest first, for printing; {@code complete} is false when scanning stopped before the start of the range. */
    record Result(List<FaultEvent> faults, long scanned, boolean complete) {
    }

    private FaultQuery() {
    }

    /** The range's newest matching faults, from {@code sinceMillis} (inclusive) to {@code untilMillis} (exclusive). */
    static Result newest(UnifiedJedis redis, String key, long sinceMillis, long untilMillis, Predicate<FaultEvent> filter,
                         int limit) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        String start = Math.max(0, sinceMillis) + "-0";
        // Exclusive: every id of the millisecond before untilMillis is in, none of untilMillis itself.
        String end = "(" + Math.max(0, untilMillis) + "-0";
        List<FaultEvent> found = new ArrayList<>();
        long scanned = 0;
        while (true) {
            List<StreamEntry> page = redis.xrevrange(key, end, start, PAGE);
            for (StreamEntry entry : page) {
                scanned++;
                FaultEvent event = FaultEvent.fromStreamEntry(entry.getID().toString(), entry.getFields());
                if (filter.test(event)) {
                    found.add(event);
                    if (found.size() >= limit) {
                        return result(found, scanned, true);
                    }
                }
            }
            if (page.size() < PAGE) {
                return result(found, scanned, true);
            }
            if (scanned >= MAX_SCANNED || System.nanoTime() > deadline) {
                return result(found, scanned, false);
            }
            end = "(" + page.get(page.size() - 1).getID();
        }
    }

    /** The id of the newest entry, where following starts; empty when the stream is empty. */
    static Optional<String> lastId(UnifiedJedis redis, String key) {
        List<StreamEntry> newest = redis.xrevrange(key, "+", "-", 1);
        return newest.isEmpty() ? Optional.empty() : Optional.of(newest.get(0).getID().toString());
    }

    /** The id of the oldest entry the stream still holds (older ones were trimmed); empty when the stream is empty. */
    static Optional<StreamEntryID> firstId(UnifiedJedis redis, String key) {
        List<StreamEntry> oldest = redis.xrange(key, "-", "+", 1);
        return oldest.isEmpty() ? Optional.empty() : Optional.of(oldest.get(0).getID());
    }

    private static Result result(List<FaultEvent> newestFirst, long scanned, boolean complete) {
        List<FaultEvent> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return new Result(oldestFirst, scanned, complete);
    }
}
