package quantum.safety.ops.doctor;

import java.util.List;

import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;
import quantum.safety.ops.verify.Status;

/** A finished doctor run: when, how long, against what, and every result in section order. */
public record Report(String generatedAt, long durationMillis, String host, String prometheusUrl, String exporter,
                     List<CheckResult> results) {

    public Report {
        results = List.copyOf(results);
    }

    public List<CheckResult> in(Section section) {
        return results.stream().filter(r -> r.section() == section).toList();
    }

    /** FAILED if any check failed, else WARNING if any warned, PASSED if any passed, else SKIPPED. */
    public static Status verdict(List<CheckResult> results) {
        if (results.stream().anyMatch(r -> r.status() == Status.FAILED)) {
            return Status.FAILED;
        }
        if (results.stream().anyMatch(r -> r.status() == Status.WARNING)) {
            return Status.WARNING;
        }
        return results.stream().anyMatch(r -> r.status() == Status.PASSED) ? Status.PASSED : Status.SKIPPED;
    }

    public Status verdict() {
        return verdict(results);
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
