package quantum.safety.state;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/** Reads {@link KernelStats}: HGETALL of the decisions and of the totals hash. */
record KernelStatsReader(String decisionsKey, String totalsKey, Response<Map<String, String>> decisions,
                         Response<Map<String, String>> totals) {

    static KernelStatsReader queue(AbstractPipeline pipeline, RedisSchema schema) {
        return new KernelStatsReader(schema.decisionCounters(), schema.kernelTotals(),
                pipeline.hgetAll(schema.decisionCounters()), pipeline.hgetAll(schema.kernelTotals()));
    }

    KernelStats finish() {
        Problems problems = new Problems();
        Map<String, String> bad = new HashMap<>();
        boolean decisionsRead = !problems.failed(decisions, "HGETALL " + decisionsKey);
        Map<String, String> decisionFields = decisionsRead ? decisions.get() : Map.of();
        boolean totalsRead = !problems.failed(totals, "HGETALL " + totalsKey);
        Map<String, String> totalFields = totalsRead ? totals.get() : Map.of();
        Map<String, Double> byReason = decisions(decisionFields, bad, problems);
        Map<String, Double> byTotal = new TreeMap<>();
        new TreeMap<>(totalFields).forEach((field, value) ->
                parse(totalsKey, field, value, bad, problems).ifPresent(n -> byTotal.put(field, n)));
        Double lost = byTotal.get(KernelStats.LOST_EVENTS);
        if (lost != null && lost < 0) {
            // A counter cannot go below 0; a reader that took it would see a reset.
            problems.add(totalsKey + " field " + KernelStats.LOST_EVENTS + " is negative");
        }
        return new KernelStats(decisionFields, totalFields, byReason, byTotal, decisionsRead, totalsRead, bad,
                problems.lines());
    }

    /** Every known reason, and other fields by name while the bound allows: label cardinality stays bounded. */
    private Map<String, Double> decisions(Map<String, String> fields, Map<String, String> bad, Problems problems) {
        Map<String, Double> byReason = new TreeMap<>();
        int room = KernelStats.MAX_DECISION_FIELDS - KernelStats.KNOWN_REASONS.size();
        boolean dropped = false;
        for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
            boolean known = KernelStats.KNOWN_REASONS.contains(field.getKey());
            if (!known && room <= 0) {
                dropped = true;
                continue;
            }
            OptionalDouble count = parse(decisionsKey, field.getKey(), field.getValue(), bad, problems);
            if (count.isPresent()) {
                byReason.put(field.getKey(), count.getAsDouble());
                room -= known ? 0 : 1;
            }
        }
        if (dropped) {
            problems.add(decisionsKey + " has more than " + KernelStats.MAX_DECISION_FIELDS
                    + " reasons; the rest are left out");
        }
        return byReason;
    }

    private static OptionalDouble parse(String key, String field, String value, Map<String, String> bad,
                                        Problems problems) {
        OptionalDouble count = Numbers.number(value, key + " field " + field, problems);
        if (count.isEmpty()) {
            bad.put(key + "." + field, value);
        }
        return count;
    }
}
