package quantum.safety.ops.backtest;

import java.time.Duration;
import java.util.List;

/**
 * How one version of an alert (as written, or with a candidate threshold) would have behaved over the range.
 *
 * @param variant        {@code current} or {@code candidate}
 * @param threshold      the threshold as written (e.g. {@code > 5}); null when the alert has no single one
 * @param expression     what was queried, after any inlining
 * @param fired          how many times it would have fired (episodes, all label sets)
 * @param episodes       the first episodes, as many as asked for
 * @param inlined        recorded series that had no data and were replaced by their rule's expression
 * @param notInlined     recorded series without data that could not be inlined, each with why
 * @param missingMetrics selectors of the expression with no data at all over the range
 * @param closest        the highest (for {@code >}, {@code >=}) or lowest (for {@code <}, {@code <=}) value the
 *                       compared side reached over the range; NaN when unknown or not applicable
 */
public record VariantReport(String variant, String threshold, String expression, Status status, int fired,
                            Duration firingTotal, Duration longest, List<Episode> episodes, List<String> inlined,
                            List<String> notInlined, List<String> missingMetrics, double closest) {

    /** What the range says about the alert. */
    public enum Status {
        /** Fired at least once. */
        FIRED,
        /** The expression returned data, but never for as long as {@code for}. */
        PENDING_ONLY,
        /** The series it reads have data, but the expression never returned anything: never crossed. */
        NEVER_CROSSED,
        /** Some series it reads have no data at all over the range (missing from the history). */
        NO_DATA
    }
}
