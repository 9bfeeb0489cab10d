package quantum.safety.ops.verify;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One check's verdict, the evidence it rests on (what was asked, what came back) and, when it failed or warned, the
 * fix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(Section section, String name, Status status, String evidence, String fix) {

    public static CheckResult passed(Section section, String name, String evidence) {
        return new CheckResult(section, name, Status.PASSED, evidence, null);
    }

    public static CheckResult failed(Section section, String name, String evidence, String fix) {
        return new CheckResult(section, name, Status.FAILED, evidence, fix);
    }

    /** Monitoring works, but this should be fixed: shown with its fix, never a failure. */
    public static CheckResult warning(Section section, String name, String evidence, String fix) {
        return new CheckResult(section, name, Status.WARNING, evidence, fix);
    }

    public static CheckResult skipped(Section section, String name, String why) {
        return new CheckResult(section, name, Status.SKIPPED, why, null);
    }

    /** {@code PASSED  name: evidence}, one line per evidence line, for terminals. */
    public String toText() {
        StringBuilder out = new StringBuilder(String.format("%-7s %s", status, name));
        for (String line : evidence.split("\n")) {
            out.append("\n          ").append(line);
        }
        if (fix != null) {
            out.append("\n          fix: ").append(fix);
        }
        return out.toString();
    }
}
