package quantum.safety.ops.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

/**
 * Replays Prometheus' alert states on the evaluations of a range, per label set: a series the expression returns
 * makes the alert pending; pending for {@code for} makes it firing (at once when {@code for} is 0); an evaluation
 * without the series resolves it, unless it is firing and {@code keep_firing_for} has not run out since the series
 * went away. A pure function of the evaluation times, so the rules of the game are unit-tested without Prometheus.
 */
public final class EpisodeFinder {

    private final Instant firstEvaluation;
    private final Duration step;
    private final int evaluations;
    private final Duration forDuration;
    private final Duration keepFiringFor;

    /**
     * @param firstEvaluation the first evaluation looked at; the caller starts it {@code for} before the range it
     *                        reports on, so an alert already pending when the range starts fires at the right time
     */
    public EpisodeFinder(Instant firstEvaluation, Duration step, int evaluations, Duration forDuration,
                         Duration keepFiringFor) {
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        this.firstEvaluation = firstEvaluation;
        this.step = step;
        this.evaluations = evaluations;
        this.forDuration = forDuration;
        this.keepFiringFor = keepFiringFor;
    }

    /** The episodes of every series, ordered by start then labels. */
    public List<Episode> episodes(Map<Map<String, String>, NavigableSet<Instant>> seriesPresence) {
        List<Episode> all = new ArrayList<>();
        seriesPresence.forEach((labels, present) -> all.addAll(episodes(labels, present)));
        all.sort(Comparator.comparing(Episode::start).thenComparing(e -> e.labels().toString()));
        return all;
    }

    /** The episodes of one series, given the evaluation times at which the expression returned it. */
    public List<Episode> episodes(Map<String, String> labels, NavigableSet<Instant> present) {
        List<Episode> found = new ArrayList<>();
        Instant activeAt = null;
        Instant firingSince = null;
        Instant absentSince = null;
        boolean beganBefore = false;
        Instant last = firstEvaluation;
        for (int i = 0; i < evaluations; i++) {
            Instant t = firstEvaluation.plus(step.multipliedBy(i));
            last = t;
            if (present.contains(t)) {
                absentSince = null;
                if (activeAt == null) {
                    activeAt = t;
                    beganBefore = i == 0;
                }
                if (firingSince == null && !Duration.between(activeAt, t).minus(forDuration).isNegative()) {
                    firingSince = t;
                }
                continue;
            }
            if (firingSince != null && keepFiringFor.compareTo(Duration.ZERO) > 0) {
                absentSince = absentSince == null ? t : absentSince;
                if (Duration.between(absentSince, t).compareTo(keepFiringFor) < 0) {
                    continue;
                }
            }
            if (firingSince != null) {
                found.add(new Episode(labels, activeAt, firingSince, t, beganBefore, false));
            }
            activeAt = null;
            firingSince = null;
            absentSince = null;
        }
        if (firingSince != null) {
            found.add(new Episode(labels, activeAt, firingSince, last, beganBefore, true));
        }
        return found;
    }
}
