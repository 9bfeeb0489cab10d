package quantum.safety.state;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import quantum.safety.kernel.Reason;

/**
 * The kernel's fleet-wide counters: decisions by reason ({@code safety:decisions}) and its totals
 * ({@code safety:totals}: {@code trips}, {@code audit_events}, {@code fail_open}, {@code lost_events}).
 *
 * @param decisionFields the decisions hash as stored, by field name; empty when absent or unreadable
 * @param totalFields    the totals hash as stored, by field name; empty when absent or unreadable
 * @param decisions      the decision counts that are numbers, by reason: every field with a known {@link Reason}, and
 *                       other fields (by name) up to {@link #MAX_DECISION_FIELDS} in all
 * @param totals         the totals that are numbers, by field name
 * @param decisionsRead  false when the decisions hash could not be read (a key of another type)
 * @param totalsRead     false when the totals hash could not be read (a key of another type)
 * @param badFields      fields that hold no number, as {@code key.field} to the value as stored: evidence for people,
 *                       never logged (the problem lines name the field only)
 * @param problems       what was wrong with the data
 */
public record KernelStats(Map<String, String> decisionFields, Map<String, String> totalFields,
                          Map<String, Double> decisions, Map<String, Double> totals, boolean decisionsRead,
                          boolean totalsRead,
                          Map<String, String> badFields, List<String> problems) {

    /** The decision reasons of the kernel, in its order. */
    public static final List<String> KNOWN_REASONS = java.util.Arrays.stream(Reason.values()).map(Reason::name).toList();
    /** Decision fields kept at most: the reasons are a small vocabulary, the bound guards against garbage. */
    public static final int MAX_DECISION_FIELDS = 32;
    /** The totals field counting trip events that reached neither the fault nor the audit stream. */
    public static final String LOST_EVENTS = "lost_events";
    /** The totals field counting trips, i.e. fault events the kernel appended. */
    public static final String TRIPS = "trips";

    public KernelStats {
        decisionFields = sorted(decisionFields);
        totalFields = sorted(totalFields);
        decisions = sorted(decisions);
        totals = sorted(totals);
        badFields = sorted(badFields);
        problems = List.copyOf(problems);
    }

    /** Trip events lost from the audit trail; 0 while the field is absent, empty when unreadable or negative. */
    public OptionalDouble lostEvents() {
        if (!totalsRead) {
            return OptionalDouble.empty();
        }
        if (!totalFields.containsKey(LOST_EVENTS)) {
            return OptionalDouble.of(0);
        }
        Double value = totals.get(LOST_EVENTS);
        return value == null || value < 0 ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The kernel's trip count as a stream total: absent means a kernel that keeps none (the legacy one). */
    public StreamTotal trips() {
        if (!totalsRead) {
            return StreamTotal.UNREADABLE;
        }
        if (!totalFields.containsKey(TRIPS)) {
            return StreamTotal.NOT_KEPT;
        }
        Double value = totals.get(TRIPS);
        return value == null ? StreamTotal.UNREADABLE : StreamTotal.of(StreamTotal.Source.KERNEL_TRIPS, value);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
