package quantum.safety.exporter.collect;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * The kernel's fleet-wide counters: decisions by reason from {@code safety:decisions}, and the trip events it could
 * not write (a broken fault or audit stream) from the {@code safety:totals} field {@code lost_events}.
 *
 * <p>Every known reason is exported from the start (0 until it happens) so that {@code rate()} and alerts see a series
 * before the first decision of that kind. Unknown fields are exported too, up to {@link #MAX_REASONS}. For the same
 * reason an absent {@code lost_events} reads 0.
 */
public final class KernelStatsCollector implements RedisCollector {

    public static final String NAME = "kernel_stats";
    /** The decision reasons of the kernel (see the project brief). */
    public static final List<String> REASONS = List.of("OK", "SAFE_MODE_ENABLED", "GLOBAL_RATE_EXCEEDED",
            "SYMBOL_RATE_EXCEEDED", "KILL_SWITCH_ENGAGED", "FAIL_OPEN_ERROR", "FAIL_CLOSED_ERROR", "REDUCE_ONLY_ALLOWED",
            "REDUCE_ONLY_RATE_EXCEEDED", "CONFIG_ERROR", "STATE_UNREADABLE");
    /** The {@code safety:totals} field counting trip events that reached neither the fault nor the audit stream. */
    static final String LOST_EVENTS = "lost_events";
    static final int MAX_REASONS = 32;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finisher plan(AbstractPipeline pipeline, CollectContext context) {
        String key = context.schema().decisionCounters();
        String totals = context.schema().kernelTotals();
        Response<Map<String, String>> decisions = pipeline.hgetAll(key);
        Response<String> lost = pipeline.hget(totals, LOST_EVENTS);
        return (redis, out) -> {
            if (!Replies.failed(decisions, out, "HGETALL " + key)) {
                decisions(decisions.get(), key, out);
            }
            if (!Replies.failed(lost, out, "HGET " + totals + " " + LOST_EVENTS)) {
                lostEvents(lost.get(), totals, out);
            }
        };
    }

    private static void lostEvents(String value, String totals, CollectorOutput out) {
        String what = totals + " field " + LOST_EVENTS;
        OptionalDouble count = value == null ? OptionalDouble.of(0) : Values.number(value, out, what);
        if (count.isPresent() && count.getAsDouble() < 0) {
            // A counter cannot go below 0; exporting it would read as a reset to rate() and increase().
            out.problem(what + " is negative");
            return;
        }
        count.ifPresent(c -> out.add(Snapshots.counter("quantum_safety_kernel_lost_events",
                "Trip events the kernels could not write to the fault or audit stream (safety:totals lost_events): "
                        + "trips missing from the audit trail; 0 while the field is absent.", c)));
    }

    private static void decisions(Map<String, String> fields, String key, CollectorOutput out) {
        Map<String, Double> byReason = new TreeMap<>();
        REASONS.forEach(r -> byReason.put(r, 0.0));
        boolean dropped = false;
        for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
            if (!byReason.containsKey(field.getKey()) && byReason.size() >= MAX_REASONS) {
                dropped = true;
                continue;
            }
            OptionalDouble count = Values.number(field.getValue(), out, key + " field " + field.getKey());
            count.ifPresent(c -> byReason.put(field.getKey(), c));
        }
        if (dropped) {
            out.problem(key + " has more than " + MAX_REASONS + " reasons; the rest are not exported");
        }
        out.add(Snapshots.counterByLabel("quantum_safety_decisions",
                "Safety decisions taken by every kernel sharing this Redis, by reason (fail-open/closed decisions "
                        + "taken while Redis was unreachable are added when it is back).", "reason", byReason));
    }
}
