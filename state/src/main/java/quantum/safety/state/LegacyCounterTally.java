package quantum.safety.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

/** The {@code n} busiest symbols of some windows, offered one legacy counter at a time; notes windows with bad ones. */
final class LegacyCounterTally {

    private final int n;
    private final Map<Long, PriorityQueue<SymbolCount>> best = new HashMap<>();
    private final Set<Long> bad = new HashSet<>();

    LegacyCounterTally(Set<Long> buckets, int n) {
        this.n = n;
        buckets.forEach(bucket -> best.put(bucket, new PriorityQueue<>(SymbolCount.RANKING.reversed())));
    }

    boolean wants(long bucket) {
        return best.containsKey(bucket);
    }

    /** Counts {@code value} (null: no such key) for {@code symbol} in a wanted window; {@code key} names it when bad. */
    void offer(long bucket, String symbol, String value, String key) {
        PriorityQueue<SymbolCount> queue = best.get(bucket);
        OptionalLong count = Numbers.counter(value, key, new Problems());
        if (count.isEmpty()) {
            bad.add(bucket);
        } else if (count.getAsLong() > 0) {
            queue.add(new SymbolCount(symbol, count.getAsLong()));
            if (queue.size() > n) {
                queue.poll();
            }
        }
    }

    /** The busiest symbols of a wanted window, busiest first. */
    List<SymbolCount> top(long bucket) {
        List<SymbolCount> list = new ArrayList<>(best.get(bucket));
        list.sort(SymbolCount.RANKING);
        return list;
    }

    boolean bad(long bucket) {
        return bad.contains(bucket);
    }
}
