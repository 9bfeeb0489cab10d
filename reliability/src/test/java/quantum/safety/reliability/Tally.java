package quantum.safety.reliability;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import quantum.safety.kernel.Decision;
import quantum.safety.kernel.Reason;

/** Decisions counted by reason, and that count as table text ("SAFE_MODE_ENABLED 412, OK 3"). */
final class Tally {

    private Tally() {
    }

    /** The non-zero counters, in the order of {@link Reason}. */
    static Map<Reason, Long> of(Map<Reason, AtomicLong> counters) {
        Map<Reason, Long> out = new EnumMap<>(Reason.class);
        counters.forEach((r, n) -> {
            if (n.get() > 0) {
                out.put(r, n.get());
            }
        });
        return out;
    }

    static Map<Reason, Long> of(Collection<Decision> decisions) {
        Map<Reason, Long> out = new EnumMap<>(Reason.class);
        decisions.forEach(d -> out.merge(d.reason(), 1L, Long::sum));
        return out;
    }

    /** The same counts keyed by reason name, as the {@code safety:decisions} hash holds them. */
    static Map<String, String> asHash(Map<Reason, Long> tally) {
        return tally.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(),
                e -> String.valueOf(e.getValue())));
    }

    static String text(Map<Reason, Long> tally) {
        return tally.isEmpty() ? "none" : tally.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
