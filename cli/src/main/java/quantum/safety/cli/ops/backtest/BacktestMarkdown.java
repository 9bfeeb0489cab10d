package quantum.safety.cli.ops.backtest;

import quantum.safety.ops.backtest.AlertReport;
import quantum.safety.ops.backtest.BacktestReport;
import quantum.safety.ops.backtest.Episode;
import quantum.safety.ops.backtest.VariantReport;

/** The report for a pull request that moves a threshold: a summary table, the episodes, the warnings. */
final class BacktestMarkdown {

    private BacktestMarkdown() {
    }

    static String render(BacktestReport report) {
        StringBuilder md = new StringBuilder("# Alert backtest\n\n");
        md.append(BacktestFormat.header(report).replace(report.prometheus(), "`" + report.prometheus() + "`"))
                .append(".\n\n");
        md.append("| Alert | Variant | Threshold | for | Step | Fired | Firing | Longest | Result |\n");
        md.append("|---|---|---|---|---|---:|---:|---:|---|\n");
        for (AlertReport alert : report.alerts()) {
            for (VariantReport v : alert.variants()) {
                md.append("| ").append(v.variant().equals("current") ? alert.alert() : "")
                        .append(" | ").append(v.variant())
                        .append(" | ").append(v.threshold() == null ? "-" : "`" + v.threshold() + "`")
                        .append(" | ").append(BacktestFormat.duration(alert.forDuration()))
                        .append(" | ").append(BacktestFormat.duration(alert.step()))
                        .append(" | ").append(v.fired())
                        .append(" | ").append(BacktestFormat.duration(v.firingTotal()))
                        .append(" | ").append(BacktestFormat.duration(v.longest()))
                        .append(" | ").append(BacktestFormat.status(v).replace("`", "")).append(" |\n");
            }
        }
        for (AlertReport alert : report.alerts()) {
            for (VariantReport v : alert.variants()) {
                if (v.fired() == 0) {
                    continue;
                }
                md.append("\n## ").append(alert.alert()).append(" (").append(v.variant()).append(")\n\n")
                        .append("First ").append(v.episodes().size()).append(" of ").append(v.fired())
                        .append(" episode(s) of `").append(v.expression().strip().replace("\n", " ")).append("`:\n\n");
                for (Episode e : v.episodes()) {
                    md.append("- ").append(e.start()).append(" – ").append(e.end()).append(" (")
                            .append(BacktestFormat.duration(e.duration())).append(") `")
                            .append(BacktestFormat.labels(e.labels())).append("`")
                            .append(e.beganBefore() ? " already active when the range starts" : "")
                            .append(e.stillFiring() ? " still firing at the end" : "").append('\n');
                }
            }
        }
        if (!BacktestFormat.notes(report).isEmpty()) {
            md.append("\n## Warnings and notes\n\n");
            BacktestFormat.notes(report).forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }
}
