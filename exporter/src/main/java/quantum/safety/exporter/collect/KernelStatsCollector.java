package quantum.safety.exporter.collect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import quantum.safety.state.KernelStats;
import quantum.safety.state.StateRead;

/**
 * The kernel's fleet-wide counters: decisions by reason from {@code safety:decisions}, and the trip events it could
 * not write (a broken fault or audit stream) from the {@code safety:totals} field {@code lost_events}.
 *
 * <p>Every known reason is exported from the start (0 until it happens) so that {@code rate()} and alerts see a series
 * before the first decision of that kind. Unknown fields are exported too, up to {@link #MAX_REASONS}. For the same
 * reason an absent {@code lost_events} reads 0.
 *
 * <p>A field name that breaks the kernel's symbol rule (anyone can write one) is not a label value: such fields add
 * up under {@link DataLabel#INVALID} and are counted in {@code quantum_safety_invalid_label_values}.
 */
public final class KernelStatsCollector implements RedisCollector {

    public static final String NAME = "kernel_stats";
    /** The decision reasons of the kernel. */
    public static final List<String> REASONS = KernelStats.KNOWN_REASONS;
    static final int MAX_REASONS = KernelStats.MAX_DECISION_FIELDS;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void render(StateRead read, CollectorOutput out) {
        KernelStats stats = read.kernelStats();
        out.problems(stats.problems());
        if (stats.decisionsRead()) {
            Map<String, Double> byReason = new TreeMap<>();
            REASONS.forEach(r -> byReason.put(r, 0.0));
            byReason.putAll(stats.decisions());
            DataLabel reasons = new DataLabel("reason", "decisions");
            out.add(Snapshots.counterByLabel("quantum_safety_decisions",
                    "Safety decisions taken by every kernel sharing this Redis, by reason (fail-open/closed decisions "
                            + "taken while Redis was unreachable are added when it is back).", "reason",
                    reasons.fold(byReason, Integer.MAX_VALUE)));
            out.add(DataLabel.counts(List.of(reasons)));
            DataLabel.notices(List.of(reasons), out);
        }
        stats.lostEvents().ifPresent(c -> out.add(Snapshots.counter("quantum_safety_kernel_lost_events",
                "Trip events the kernels could not write to the fault or audit stream (safety:totals lost_events): "
                        + "trips missing from the audit trail; 0 while the field is absent.", c)));
    }
}
