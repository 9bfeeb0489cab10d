package quantum.safety.ops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quantum.safety.ops.Http;
import quantum.safety.ops.prometheus.PrometheusApi.Sample;

/**
 * What Prometheus holds equals what the exporter serves right now, for gauges that change slowly. This is the
 * check that would have caught the legacy incident at once: Prometheus 0, exporter 1.
 */
public final class ValueMatchCheck implements Check {

    @Override
    public String title() {
        return "Prometheus holds what the exporter serves";
    }

    /** Slow-moving gauges: a mismatch means another process or a stale scrape, not a race. */
    static final List<String> GAUGES = List.of("quantum_safety_safe_mode", "quantum_safety_redis_up",
            "quantum_safety_kill_switch_engaged", "quantum_safety_safe_mode_latched");

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        String name = "Prometheus holds what the exporter serves";
        if (o.exporter().metrics().isEmpty()) {
            return List.of(CheckResult.skipped(Section.PROMETHEUS_SCRAPING, name,
                    "no /metrics from the exporter at " + o.exporter().address()));
        }
        List<String> lines = new ArrayList<>();
        boolean mismatch = false;
        for (String gauge : GAUGES) {
            Optional<Double> served = o.exporter().metrics().get().value(gauge);
            if (served.isEmpty()) {
                continue;
            }
            String expr = gauge + "{job=\"" + s.jobName() + "\"}";
            List<Sample> held;
            try {
                held = s.prometheus().query(expr);
            } catch (Http.UnreachableException e) {
                return List.of(CheckResult.failed(Section.PROMETHEUS_SCRAPING, name, "query " + expr + ": " + e.getMessage(),
                        "start Prometheus or point --prometheus.url at it"));
            }
            List<Double> values = held.stream().map(Sample::value).toList();
            boolean same = !values.isEmpty() && values.stream().allMatch(v -> v.equals(served.get()));
            mismatch |= !same;
            lines.add(gauge + ": exporter " + format(served.get()) + ", Prometheus "
                    + (values.isEmpty() ? "no sample" : values.stream().map(ValueMatchCheck::format).toList()
                    + " from " + held.stream().map(h -> h.labels().getOrDefault("instance", "?")).toList()));
        }
        if (lines.isEmpty()) {
            return List.of(CheckResult.skipped(Section.PROMETHEUS_SCRAPING, name,
                    "the exporter serves none of " + GAUGES));
        }
        String evidence = String.join("\n", lines);
        return List.of(mismatch ? CheckResult.failed(Section.PROMETHEUS_SCRAPING, name, evidence,
                "Prometheus is not scraping this exporter (no sample) or scrapes another process (different value); "
                        + "see the target and listen-address checks")
                : CheckResult.passed(Section.PROMETHEUS_SCRAPING, name, evidence));
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
