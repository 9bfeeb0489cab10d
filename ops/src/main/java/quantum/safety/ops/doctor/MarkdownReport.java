package quantum.safety.ops.doctor;

import java.util.List;

import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;

/** The report as Markdown, with the sections of the legacy deployment report and the evidence of every check. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# Quantum Safety integration report\n\n");
        md.append("Generated ").append(report.generatedAt()).append(" on `").append(report.host())
                .append("` by `quantum-safety doctor` in ").append(report.durationMillis()).append(" ms.  \n");
        md.append("Prometheus `").append(report.prometheusUrl()).append("`, exporter `").append(report.exporter())
                .append("`.\n\n");
        md.append("**Verdict: ").append(report.verdict()).append("** — ").append(report.count(quantum.safety.ops.verify.Status.PASSED))
                .append(" passed, ").append(report.count(quantum.safety.ops.verify.Status.WARNING)).append(" warnings, ")
                .append(report.count(quantum.safety.ops.verify.Status.FAILED)).append(" failed, ")
                .append(report.count(quantum.safety.ops.verify.Status.SKIPPED)).append(" skipped.\n\n");
        md.append("| # | Section | Status | Checks |\n|---|---|---|---|\n");
        int n = 1;
        for (Section section : Section.values()) {
            List<CheckResult> results = report.in(section);
            md.append("| ").append(n++).append(" | ").append(section.title()).append(" | ")
                    .append(results.isEmpty() ? "SKIPPED" : Report.verdict(results)).append(" | ").append(results.size())
                    .append(" |\n");
        }
        n = 1;
        for (Section section : Section.values()) {
            List<CheckResult> results = report.in(section);
            md.append("\n## ").append(n++).append(". ").append(section.title()).append(" — ")
                    .append(results.isEmpty() ? "SKIPPED" : Report.verdict(results)).append("\n");
            if (results.isEmpty()) {
                md.append("\nNothing to check here with the options given.\n");
            }
            for (CheckResult r : results) {
                md.append("\n### ").append(r.status()).append(": ").append(r.name()).append("\n\n```\n")
                        .append(r.evidence().replace("```", "'''")).append("\n```\n");
                if (r.fix() != null) {
                    md.append("\n**Fix:** ").append(r.fix()).append("\n");
                }
            }
        }
        return md.toString();
    }
}
