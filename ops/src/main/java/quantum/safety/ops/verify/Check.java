package quantum.safety.ops.verify;

import java.util.List;

/** One concern verify looks at; it may report several results (e.g. "configured" and "reachable"). */
@FunctionalInterface
public interface Check {

    List<CheckResult> run(Observations observations, VerifySettings settings);

    /** What the check looks at, in a few words, for plans (its results carry their own, more precise names). */
    default String title() {
        return getClass().getSimpleName();
    }
}
