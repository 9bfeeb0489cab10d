package quantum.safety.ops.verify;

import java.util.List;

/** One concern verify looks at; it may report several results (e.g. "configured" and "reachable"). */
@FunctionalInterface
public interface Check {

    List<CheckResult> run(Observations observations, VerifySettings settings);

    /**
     * Whether these results of this check may still change by themselves soon (e.g. a queue that has sent nothing yet
     * right after a reload), so that a verification with time left asks again instead of reporting them.
     */
    default boolean settling(List<CheckResult> results) {
        return false;
    }

    /** What the check looks at, in a few words, for plans (its results carry their own, more precise names). */
    default String title() {
        return getClass().getSimpleName();
    }
}
