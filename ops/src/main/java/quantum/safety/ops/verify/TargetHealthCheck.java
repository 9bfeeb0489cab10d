package quantum.safety.ops.verify;

import java.util.List;
import java.util.stream.Collectors;

import quantum.safety.ops.prometheus.PrometheusApi.Target;

/** The job's targets are active in Prometheus and {@code up} ({@code /api/v1/targets}). */
public final class TargetHealthCheck implements Check {

    @Override
    public String title() {
        return "job scraped and up";
    }

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        String name = "job " + s.jobName() + " scraped and up";
        if (!o.targets().ok()) {
            return List.of(CheckResult.failed(Section.PROMETHEUS_SCRAPING, name,
                    "GET /api/v1/targets: " + o.targets().error(),
                    "start Prometheus or point --prometheus.url at it"));
        }
        List<Target> ours = o.targets().value().stream().filter(t -> t.job().equals(s.jobName())).toList();
        if (ours.isEmpty()) {
            return List.of(CheckResult.failed(Section.PROMETHEUS_SCRAPING, name,
                    "Prometheus at " + s.prometheus().baseUrl() + " has no active target of job " + s.jobName()
                            + " (jobs: " + o.targets().value().stream().map(Target::job).distinct().sorted()
                            .collect(Collectors.joining(", ")) + ")",
                    "install the bundle, which adds the job and reloads Prometheus: " + s.commands().install(null)));
        }
        String evidence = ours.stream().map(TargetHealthCheck::describe).collect(Collectors.joining("\n"));
        boolean allUp = ours.stream().allMatch(t -> "up".equals(t.health()));
        return List.of(allUp ? CheckResult.passed(Section.PROMETHEUS_SCRAPING, name, evidence)
                : CheckResult.failed(Section.PROMETHEUS_SCRAPING, name, evidence,
                "start the exporter where the target points, or fix the target (see the listen-address check)"));
    }

    static String describe(Target t) {
        String text = t.scrapeUrl() + " health=" + t.health() + " interval=" + t.scrapeInterval();
        if (!t.lastScrape().startsWith("0001")) {
            text += " last_scrape=" + t.lastScrape() + String.format(" duration=%.4fs", t.lastScrapeDurationSeconds());
        }
        return t.lastError().isEmpty() ? text : text + " error=\"" + t.lastError() + "\"";
    }
}
