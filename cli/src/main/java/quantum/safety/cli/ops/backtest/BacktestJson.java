package quantum.safety.cli.ops.backtest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import quantum.safety.ops.backtest.AlertReport;
import quantum.safety.ops.backtest.BacktestReport;
import quantum.safety.ops.backtest.Episode;
import quantum.safety.ops.backtest.VariantReport;

/**
 * The report for scripts: one JSON document. Durations are whole seconds ({@code firingSeconds}), times RFC 3339,
 * the status one of FIRED, PENDING_ONLY, NEVER_CROSSED, NO_DATA; {@code closest} is null when not applicable.
 */
final class BacktestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BacktestJson() {
    }

    static String render(BacktestReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("prometheus", report.prometheus());
        root.put("from", report.from().toString());
        root.put("to", report.to().toString());
        strings(root.putArray("rules"), report.sources());
        root.put("queries", report.queries());
        root.put("episodesListed", report.episodesListed());
        ArrayNode alerts = root.putArray("alerts");
        for (AlertReport alert : report.alerts()) {
            ObjectNode a = alerts.addObject();
            a.put("alert", alert.alert());
            a.put("group", alert.group());
            a.put("forSeconds", alert.forDuration().toSeconds());
            a.put("keepFiringForSeconds", alert.keepFiringFor().toSeconds());
            a.put("stepSeconds", alert.step().toSeconds());
            ArrayNode variants = a.putArray("variants");
            alert.variants().forEach(v -> variant(variants.addObject(), v));
        }
        strings(root.putArray("warnings"), BacktestFormat.notes(report));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report does not serialise", e);
        }
    }

    private static void variant(ObjectNode node, VariantReport v) {
        node.put("variant", v.variant());
        node.put("threshold", v.threshold());
        node.put("expr", v.expression());
        node.put("status", v.status().name());
        node.put("fired", v.fired());
        node.put("firingSeconds", v.firingTotal().toSeconds());
        node.put("longestSeconds", v.longest().toSeconds());
        if (Double.isNaN(v.closest())) {
            node.putNull("closest");
        } else {
            node.put("closest", v.closest());
        }
        strings(node.putArray("missingMetrics"), v.missingMetrics());
        strings(node.putArray("inlined"), v.inlined());
        strings(node.putArray("notInlined"), v.notInlined());
        ArrayNode episodes = node.putArray("episodes");
        for (Episode e : v.episodes()) {
            ObjectNode ep = episodes.addObject();
            ep.put("start", e.start().toString());
            ep.put("end", e.end().toString());
            ep.put("seconds", e.duration().toSeconds());
            ep.put("pendingSince", e.pendingSince().toString());
            ep.put("beganBeforeRange", e.beganBefore());
            ep.put("stillFiring", e.stillFiring());
            ObjectNode labels = ep.putObject("labels");
            new java.util.TreeMap<>(e.labels()).forEach(labels::put);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
