package quantum.safety.ops.verify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the legacy report checked by reading the exporter's source, checked on the wire: no {@code _info_info}
 * family, no placeholder series with {@code symbol=""} (legacy bug 4), a liveness endpoint (legacy bug 10). None of
 * them stops values from reaching Prometheus, so each finding is a warning with its fix.
 */
public final class ExporterHygieneCheck implements Check {

    @Override
    public String title() {
        return "exporter exposition hygiene";
    }

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        ExporterSnapshot e = o.exporter();
        if (e.metrics().isEmpty()) {
            return List.of(CheckResult.skipped(Section.EXPORTER_HYGIENE, "exposition hygiene",
                    "no /metrics from " + e.address() + ": " + e.error().orElse("no answer")));
        }
        Exposition metrics = e.metrics().get();
        List<String> doubleInfo = metrics.names().stream().filter(n -> n.contains("_info_info")).toList();
        List<String> emptySymbol = metrics.series().stream()
                .filter(series -> "".equals(series.labels().get("symbol")))
                .map(series -> series.name() + series.labels()).distinct().collect(Collectors.toList());
        CheckResult info = doubleInfo.isEmpty()
                ? CheckResult.passed(Section.EXPORTER_HYGIENE, "build metric is not double info",
                "families ending in _info: " + metrics.names().stream().filter(n -> n.endsWith("_info")).toList())
                : CheckResult.warning(Section.EXPORTER_HYGIENE, "build metric is not double info", "found " + doubleInfo,
                "name the info metric without the _info suffix the client library adds");
        CheckResult symbols = emptySymbol.isEmpty()
                ? CheckResult.passed(Section.EXPORTER_HYGIENE, "no placeholder symbol=\"\" series",
                metrics.series().size() + " series, none with an empty symbol label")
                : CheckResult.warning(Section.EXPORTER_HYGIENE, "no placeholder symbol=\"\" series",
                emptySymbol.size() + " series with symbol=\"\": " + emptySymbol.stream().limit(5).toList(),
                "upgrade the exporter: placeholder series are the legacy bug 4");
        String healthyEvidence = "GET http://" + e.address() + "/-/healthy -> "
                + (e.healthyStatus() == 0 ? "no answer" : e.healthyStatus());
        CheckResult healthy = e.healthyStatus() == 200
                ? CheckResult.passed(Section.EXPORTER_HYGIENE, "exporter liveness endpoint", healthyEvidence)
                : CheckResult.warning(Section.EXPORTER_HYGIENE, "exporter liveness endpoint", healthyEvidence,
                "run the Quantum Safety exporter, which serves /-/healthy");
        return List.of(info, symbols, healthy);
    }
}
