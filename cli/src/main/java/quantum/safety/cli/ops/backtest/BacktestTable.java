package quantum.safety.cli.ops.backtest;

import java.util.ArrayList;
import java.util.List;

import quantum.safety.ops.backtest.AlertReport;
import quantum.safety.ops.backtest.BacktestReport;
import quantum.safety.ops.backtest.Episode;
import quantum.safety.ops.backtest.VariantReport;

/** The report for people: one row per alert and variant, then the episodes, then warnings and notes. */
final class BacktestTable {

    private static final List<String> COLUMNS = List.of("ALERT", "VARIANT", "THRESHOLD", "FOR", "STEP", "FIRED",
            "FIRING", "LONGEST", "RESULT");

    private BacktestTable() {
    }

    static String render(BacktestReport report) {
        StringBuilder out = new StringBuilder(BacktestFormat.header(report)).append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (AlertReport alert : report.alerts()) {
            for (VariantReport v : alert.variants()) {
                rows.add(List.of(v.variant().equals("current") ? alert.alert() : "", v.variant(),
                        v.threshold() == null ? "-" : v.threshold(), BacktestFormat.duration(alert.forDuration()),
                        BacktestFormat.duration(alert.step()), String.valueOf(v.fired()),
                        BacktestFormat.duration(v.firingTotal()), BacktestFormat.duration(v.longest()),
                        BacktestFormat.status(v)));
            }
        }
        int[] widths = new int[COLUMNS.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        episodes(report, out);
        List<String> notes = BacktestFormat.notes(report);
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }

    private static void episodes(BacktestReport report, StringBuilder out) {
        for (AlertReport alert : report.alerts()) {
            for (VariantReport v : alert.variants()) {
                if (v.fired() == 0) {
                    continue;
                }
                out.append('\n').append(alert.alert()).append(" (").append(v.variant())
                        .append(v.threshold() == null ? "" : ", " + v.threshold()).append("): first ")
                        .append(v.episodes().size()).append(" of ").append(v.fired()).append(" episode(s)\n");
                for (Episode e : v.episodes()) {
                    out.append("  ").append(e.start()).append(" - ").append(e.end()).append("  ")
                            .append(BacktestFormat.duration(e.duration()))
                            .append(e.beganBefore() ? "  (already active when the range starts)" : "")
                            .append(e.stillFiring() ? "  (still firing at the end)" : "").append("  ")
                            .append(BacktestFormat.labels(e.labels())).append('\n');
                }
            }
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
