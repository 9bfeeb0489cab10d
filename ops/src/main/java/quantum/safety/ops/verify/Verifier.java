package quantum.safety.ops.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import quantum.safety.ops.bundle.ServiceJob;

/** Runs checks over one round of observations; {@link #runUntilPassed} retries while Prometheus catches up. */
public final class Verifier {

    private final VerifySettings settings;
    private final List<Check> checks;

    public Verifier(VerifySettings settings, List<Check> checks) {
        this.settings = settings;
        this.checks = List.copyOf(checks);
    }

    /** The checks of {@code ops verify}. */
    public static List<Check> verifyChecks() {
        return List.of(new TargetHealthCheck(), new ServiceTargetCheck(), new ServiceTargetCheck(ServiceJob.ARCHIVE),
                new ListenAddressCheck(), new RuleGroupCheck(), new AlertmanagerCheck(), new ExporterCheck(),
                new ValueMatchCheck(), new RemoteWriteCheck());
    }

    public VerifySettings settings() {
        return settings;
    }

    public List<CheckResult> run() {
        return round().results();
    }

    /** One round's results, and whether a check said they may still change by themselves ({@link Check#settling}). */
    private record Round(List<CheckResult> results, boolean settling) {
    }

    private Round round() {
        Observations observations = Observations.gather(settings.prometheus(), settings.http(), settings.exporter());
        List<CheckResult> results = new ArrayList<>();
        boolean settling = false;
        for (Check check : checks) {
            List<CheckResult> mine = check.run(observations, settings);
            settling |= check.settling(mine);
            results.addAll(mine);
        }
        return new Round(results, settling);
    }

    /**
     * Runs rounds until nothing fails and nothing is still settling, or {@code timeout} passes, and returns the last
     * round. After a reload Prometheus applies new targets within about 5 s and scrapes each once per interval, so a
     * first round often fails for want of a sample, not for a fault.
     */
    public List<CheckResult> runUntilPassed(Duration timeout, Duration every) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Round round = round();
            List<CheckResult> results = round.results();
            if (passed(results) && !round.settling() || !Instant.now().plus(every).isBefore(deadline)) {
                return results;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return results;
            }
        }
    }

    /** Nothing failed; warnings do not count against it. */
    public static boolean passed(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.status() == Status.FAILED);
    }

    /** The names of the checks that warned, for a one-line summary. */
    public static List<String> warningNames(List<CheckResult> results) {
        return results.stream().filter(r -> r.status() == Status.WARNING).map(CheckResult::name).toList();
    }

    /** The names of the failed checks, for a one-line summary. */
    public static List<String> failedNames(List<CheckResult> results) {
        return results.stream().filter(r -> r.status() == Status.FAILED).map(CheckResult::name).toList();
    }
}
