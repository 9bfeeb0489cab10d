package quantum.safety.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import quantum.safety.kernel.FaultEvent;
import quantum.safety.kernel.FlagState;

/**
 * Everything an operator asks first during an incident, read at one instant: are we blocked, why, since when, by
 * whom, how busy the rate windows are, what tripped lately, and whether Redis is healthy. The exporter's status page,
 * {@code ctl status}, {@code doctor} and the demo's line all render this one record, so they always show the same
 * facts.
 *
 * <p>Bad data in Redis (a key of the wrong type, a non-number) is listed in {@link #problems()}; the affected field
 * then reads as unknown rather than as a plausible wrong value. The two flags are the exception: they follow the
 * kernel's rule ({@link FlagState}), so a flag of the wrong type or with an odd value reads as on, as it blocks.
 *
 * @param readAt       the Redis server's time of the read
 * @param limits       the limits the windows are shown against: the live kernels' when they published them (see
 *                     {@link #limitsNote()}), else the reading tool's configuration; and how much was read
 * @param kernels      the kernels that published their settings; null when Redis is unreachable, like every record
 *                     below
 * @param readProblems problems of the read itself (Redis' clock unavailable); the records carry their own
 */
public record SafetyStatus(Instant readAt, RedisHealth redis, StatusLimits limits, LiveKernels kernels,
                           SafeModeState safeMode,
                           ExecutionControls controls, KernelStats kernel, RateWindow current, RateWindow previous,
                           FaultWindow faults, List<String> readProblems) {

    /** How many fault reasons of the last hour a status lists. */
    public static final int REASONS_SHOWN = 20;

    public SafetyStatus {
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(limits, "limits");
        readProblems = List.copyOf(readProblems);
    }

    /**
     * Every record of one read, in the order a status shows them.
     *
     * @param configured the reading tool's own limits, shown only when no kernel published its settings
     */
    public static SafetyStatus of(Instant readAt, RedisHealth redis, StatusLimits configured, StateRead read,
                                  List<String> readProblems) {
        LiveKernels kernels = read.kernels();
        return new SafetyStatus(readAt, redis, kernels.limits(configured), kernels, read.safeMode(), read.controls(),
                read.kernelStats(), read.currentWindow(), read.previousWindow(), read.faults(), readProblems);
    }

    /** Redis could not be read at all: every safety fact is unknown. */
    public static SafetyStatus unreachable(Instant at, RedisHealth redis, StatusLimits limits) {
        return new SafetyStatus(at, redis, limits, null, null, null, null, null, null, null, List.of());
    }

    /** Where {@link #limits()} come from: the live kernels, kernels that disagree, or the tool's configuration. */
    public LiveKernels.LimitsSource limitsSource() {
        return kernels == null ? LiveKernels.LimitsSource.CONFIGURATION : kernels.source();
    }

    /** One line saying where {@link #limits()} come from, the same in every reader. */
    public String limitsNote() {
        return kernels == null ? "Redis unreachable; limits from this tool's configuration" : kernels.limitsNote();
    }

    public boolean reachable() {
        return redis.up() && safeMode != null;
    }

    /**
     * Whether new intents are blocked right now: SAFE MODE or the kill switch on, by the kernel's rule, or a current
     * global counter the kernels cannot count on.
     */
    public boolean blocked() {
        return reachable() && (safeMode.flag().on() || controls.killSwitch().on() || globalCounterUnreadable());
    }

    /**
     * The current window's global counter holds what the kernels cannot count (garbage, another type): they answer
     * every intent STATE_UNREADABLE until the window ends, so a reader must not call that state unblocked.
     */
    public boolean globalCounterUnreadable() {
        return reachable() && current.globalCount().isEmpty() && !current.globalExpired();
    }

    public FlagState killSwitch() {
        return controls.killSwitch();
    }

    /** The newest faults, as many as the limits ask for. */
    public List<FaultEvent> recentFaults() {
        return faults.newest().orElse(List.of()).stream().limit(limits.lastFaults()).toList();
    }

    /** The reasons of the last hour's faults, most first; a few, since garbage in the stream could hold thousands. */
    public Map<String, Long> lastHourReasons() {
        Map<String, Long> shown = new LinkedHashMap<>();
        faults.lastHourByReason().entrySet().stream().limit(REASONS_SHOWN)
                .forEach(e -> shown.put(e.getKey(), e.getValue()));
        return shown;
    }

    /** Every problem found, the read's own first, at most {@link Problems#MAX_LINES}. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(readProblems);
        if (reachable()) {
            all.addAll(kernels.problems());
            all.addAll(safeMode.problems());
            all.addAll(controls.problems());
            all.addAll(kernel.problems());
            all.addAll(current.problems());
            all.addAll(previous.problems());
            all.addAll(faults.problems());
        }
        return all.stream().distinct().limit(Problems.MAX_LINES).toList();
    }
}
