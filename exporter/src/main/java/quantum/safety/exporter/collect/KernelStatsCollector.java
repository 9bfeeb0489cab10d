package quantum.safety.exporter.collect;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * The kernel's fleet-wide counters: decisions by reason from {@code safety:decisions}.
 *
 * <p>Every known reason is exported from the start (0 until it happens) so that {@code rate()} and alerts see a series
 * before the first decision of that kind. Unknown fields are exported too, up to {@link #MAX_REASONS}.
 */
public final class KernelStatsCollector implements RedisCollector {

    public static final String NAME = "kernel_stats";
    /** The decision reasons of the kernel (see the project brief). */
    public static final List<String> REASONS = List.of("OK", "SAFE_MODE_ENABLED", "GLOBAL_RATE_EXCEEDED",
            "SYMBOL_RATE_EXCEEDED", "KILL_SWITCH_ENGAGED", "FAIL_OPEN_ERROR", "FAIL_CLOSED_ERROR", "REDUCE_ONLY_ALLOWED");
    static final int MAX_REASONS = 32;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finisher plan(AbstractPipeline pipeline, CollectContext context) {
        String key = context.schema().decisionCounters();
        Response<Map<String, String>> decisions = pipeline.hgetAll(key);
        return (redis, out) -> {
            if (Replies.failed(decisions, out, "HGETALL " + key)) {
                return;
            }
            Map<String, Double> byReason = new TreeMap<>();
            REASONS.forEach(r -> byReason.put(r, 0.0));
            boolean dropped = false;
            for (Map.Entry<String, String> field : new TreeMap<>(decisions.get()).entrySet()) {
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
        };
    }
}
