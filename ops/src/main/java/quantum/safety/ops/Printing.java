package quantum.safety.ops;

import java.io.PrintWriter;
import java.util.List;

import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Status;

/** Check results for a terminal, one block per check, and the tally. */
public final class Printing {

    private Printing() {
    }

    public static void results(PrintWriter out, List<CheckResult> results) {
        results.forEach(r -> out.println("  " + r.toText().replace("\n", "\n  ")));
        out.println("  " + tally(results));
    }

    public static String tally(List<CheckResult> results) {
        return count(results, Status.PASSED) + " passed, " + count(results, Status.FAILED) + " failed, "
                + count(results, Status.SKIPPED) + " skipped";
    }

    public static List<String> failedNames(List<CheckResult> results) {
        return results.stream().filter(r -> r.status() == Status.FAILED).map(CheckResult::name).toList();
    }

    private static long count(List<CheckResult> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
