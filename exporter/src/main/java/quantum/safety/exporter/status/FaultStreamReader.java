package quantum.safety.exporter.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quantum.safety.exporter.collect.Deadline;
import quantum.safety.exporter.collect.StreamPages;
import quantum.safety.kernel.FaultEvent;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The fault stream's summary: length, the newest few faults, and the last hour counted exactly by id range in
 * bounded pages (stopping at the deadline, in which case the count is marked as a lower bound).
 */
final class FaultStreamReader {

    private static final long HOUR_MILLIS = 3_600_000L;
    /** Reasons are a small vocabulary; the bound guards the page against garbage in the stream. */
    private static final int MAX_REASONS = 20;
    private static final byte[] REASON = StreamPages.bytes("reason");

    private final String key;
    private final Response<Long> length;
    private final Response<List<StreamEntry>> newest;
    private final Response<List<Object>> firstPage;

    FaultStreamReader(AbstractPipeline pipeline, String key, long nowMillis, int lastFaults) {
        this.key = key;
        this.length = pipeline.xlen(key);
        this.newest = pipeline.xrevrange(key, "+", "-", Math.max(1, lastFaults));
        this.firstPage = StreamPages.first(pipeline, key, StreamPages.idAt(nowMillis - HOUR_MILLIS));
    }

    FaultSummary finish(UnifiedJedis redis, Deadline deadline, int lastFaults, Problems problems) {
        boolean bad = problems.failed(length, "XLEN " + key);
        bad |= problems.failed(newest, "XREVRANGE " + key);
        bad |= problems.failed(firstPage, "XRANGE " + key);
        if (bad) {
            return FaultSummary.unreadable();
        }
        List<FaultEvent> recent = new ArrayList<>();
        for (StreamEntry e : newest.get()) {
            if (recent.size() < lastFaults) {
                recent.add(FaultEvent.fromStreamEntry(e.getID().toString(), e.getFields()));
            }
        }
        Map<String, Long> reasons = new HashMap<>();
        long[] count = {0};
        boolean exact = StreamPages.drain(redis, key, firstPage.get(), deadline, entry -> {
            count[0]++;
            String reason = entry.field(REASON);
            reason = reason == null ? "" : reason;
            if (reasons.containsKey(reason) || reasons.size() < MAX_REASONS) {
                reasons.merge(reason, 1L, Long::sum);
            }
        });
        if (!exact) {
            problems.add("counting the last hour of " + key + " stopped at the deadline; the count is a lower bound");
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new FaultSummary(true, length.get(), count[0], exact, sorted, recent);
    }
}
