package quantum.safety.ops.plan;

import java.util.List;

/**
 * The checks that run once the change is live, retried for up to {@code timeoutSeconds} while Prometheus catches up;
 * when {@code rollBackOnFailure}, a check still failing then undoes the change.
 */
public record PlannedVerification(List<String> checks, long timeoutSeconds, boolean rollBackOnFailure) {

    public PlannedVerification {
        checks = List.copyOf(checks);
    }
}
