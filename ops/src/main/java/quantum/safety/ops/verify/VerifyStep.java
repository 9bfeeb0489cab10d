package quantum.safety.ops.verify;

import java.time.Duration;
import java.util.List;

import quantum.safety.ops.event.OpsEvent;
import quantum.safety.ops.event.OpsEvent.VerificationFinished;
import quantum.safety.ops.event.OpsEvent.VerificationStarted;
import quantum.safety.ops.event.OpsListener;

/** Runs verification as a step of a command: says it starts, then reports the last round, check by check. */
public final class VerifyStep {

    private VerifyStep() {
    }

    /** The checks of {@code ops verify}, retried every {@code every} for up to {@code wait}. */
    public static List<CheckResult> run(VerifySettings settings, Duration wait, Duration every, OpsListener events) {
        events.on(new VerificationStarted(VerificationStarted.Subject.INTEGRATION, settings.prometheus().baseUrl(),
                settings.exporter().toString(), settings.alertmanagerUrl().orElse(null), wait.toSeconds()));
        List<CheckResult> results = new Verifier(settings, Verifier.verifyChecks()).runUntilPassed(wait, every);
        report(results, events);
        return results;
    }

    /** One event per result, then the tally. */
    public static void report(List<CheckResult> results, OpsListener events) {
        results.forEach(r -> events.on(OpsEvent.checked(r)));
        events.on(new VerificationFinished(count(results, Status.PASSED), count(results, Status.FAILED),
                count(results, Status.SKIPPED), count(results, Status.WARNING)));
    }

    private static int count(List<CheckResult> results, Status status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
