package quantum.safety.cli.ops.backtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import quantum.safety.ops.backtest.AlertReport;
import quantum.safety.ops.backtest.BacktestReport;
import quantum.safety.ops.backtest.PromDuration;
import quantum.safety.ops.backtest.VariantReport;

/** The words and numbers the table and the Markdown report share. */
final class BacktestFormat {

    private BacktestFormat() {
    }

    static String duration(Duration duration) {
        return PromDuration.format(Duration.ofSeconds(duration.toSeconds()));
    }

    /** {@code {instance="a", job="b"}}, sorted; {@code {}} for none. */
    static String labels(Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
        return "{" + String.join(", ", parts) + "}";
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }

    /** One line on what the range says: fired, pending only, never crossed (closest value), no data. */
    static String status(VariantReport v) {
        return switch (v.status()) {
            case FIRED -> "fired";
            case PENDING_ONLY -> "crossed, never for `for`";
            case NEVER_CROSSED -> "never crossed" + (Double.isNaN(v.closest()) ? "" : " (closest " + number(v.closest())
                    + ")");
            case NO_DATA -> "no data";
        };
    }

    static String header(BacktestReport report) {
        return "Backtest of " + report.alerts().size() + " alert(s) on " + report.prometheus() + " from "
                + report.from() + " to " + report.to() + " (" + duration(Duration.between(report.from(), report.to()))
                + "), " + report.queries() + " queries; rules: " + String.join(", ", report.sources());
    }

    /** Warnings and notes, one line each: missing metrics, inlined or not inlined recorded series. */
    static List<String> notes(BacktestReport report) {
        List<String> lines = new ArrayList<>();
        for (AlertReport alert : report.alerts()) {
            for (VariantReport v : alert.variants()) {
                String who = alert.alert() + (alert.variants().size() > 1 ? " (" + v.variant() + ")" : "");
                if (v.status() == VariantReport.Status.NO_DATA) {
                    lines.add("WARNING " + who + ": no data over the range for " + String.join(", ", v.missingMetrics())
                            + " (missing from the history), so it could not have fired");
                } else if (!v.missingMetrics().isEmpty()) {
                    lines.add("WARNING " + who + ": no data over the range for " + String.join(", ",
                            v.missingMetrics()));
                }
                if (!v.inlined().isEmpty()) {
                    lines.add("NOTE " + who + ": recorded series without data in the range replaced by their "
                            + "recording rule's expression: " + String.join(", ", v.inlined()));
                }
                v.notInlined().forEach(k -> lines.add("WARNING " + who + ": recorded series not inlined: " + k));
            }
        }
        return lines;
    }
}
