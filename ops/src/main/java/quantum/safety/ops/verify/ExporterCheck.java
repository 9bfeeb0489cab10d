package quantum.safety.ops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import quantum.safety.ops.commands.ShellWords;
import quantum.safety.ops.verify.Exposition.Series;

/**
 * The exporter answers, serves its build info ({@code version}, {@code git}, {@code deployment}) and is ready. An
 * exporter that does not answer is a failure; untidy build info, or Redis down behind a running exporter (its
 * {@code quantum_safety_redis_up 0} reaches Prometheus and alerts), is a warning with its fix.
 */
public final class ExporterCheck implements Check {

    @Override
    public String title() {
        return "exporter build info and ready";
    }

    static final String BUILD_INFO = "quantum_safety_exporter_build_info";

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        ExporterSnapshot e = o.exporter();
        String base = "http://" + e.address();
        List<CheckResult> results = new ArrayList<>();
        String buildName = "exporter build info";
        if (e.metrics().isEmpty()) {
            results.add(CheckResult.failed(Section.EXPORTER_HYGIENE, buildName, "GET " + base + "/metrics: "
                    + e.error().orElse("no answer"), "start the exporter where Prometheus scrapes it, or pass the --exporter.address it listens on: "
                    + "quantum-safety exporter " + ShellWords.flag("--web.listen-address", e.address().toString())));
        } else {
            List<Series> info = e.metrics().get().named(BUILD_INFO);
            if (info.size() != 1) {
                results.add(CheckResult.warning(Section.EXPORTER_HYGIENE, buildName, info.size() + " series named "
                        + BUILD_INFO + " at " + base + "/metrics", "run the Quantum Safety exporter on this address"));
            } else {
                Map<String, String> labels = info.get(0).labels();
                List<String> missing = List.of("version", "git", "deployment").stream()
                        .filter(l -> labels.getOrDefault(l, "").isEmpty()).toList();
                String evidence = BUILD_INFO + labels + " " + info.get(0).value();
                results.add(missing.isEmpty() ? CheckResult.passed(Section.EXPORTER_HYGIENE, buildName, evidence)
                        : CheckResult.warning(Section.EXPORTER_HYGIENE, buildName, evidence + "; empty labels " + missing,
                        buildInfoFix(missing)));
            }
        }
        String readyName = "exporter ready";
        String readyEvidence = "GET " + base + "/-/ready -> " + (e.readyStatus() == 0 ? "no answer" : e.readyStatus());
        results.add(switch (e.readyStatus()) {
            case 200 -> CheckResult.passed(Section.EXPORTER_HYGIENE, readyName, readyEvidence);
            case 503 -> CheckResult.warning(Section.EXPORTER_HYGIENE, readyName, readyEvidence + " (Redis does not answer)",
                    "check Redis (quantum-safety doctor shows the Redis checks) and the exporter's --redis.addr");
            default -> CheckResult.failed(Section.EXPORTER_HYGIENE, readyName, readyEvidence,
                    "start the exporter or pass the --exporter.address it listens on");
        });
        return results;
    }

    /** Each empty label with where its value comes from, so the fix names the one setting to change. */
    static String buildInfoFix(List<String> missing) {
        List<String> fixes = new ArrayList<>();
        if (missing.contains("deployment")) {
            fixes.add("start the exporter with --deployment=NAME (env QUANTUM_SAFETY_DEPLOYMENT), e.g. --deployment=blue");
        }
        if (missing.contains("version") || missing.contains("git")) {
            fixes.add("build the jar with -Dgit.commit=$(git rev-parse --short HEAD) (version and git come from the build)");
        }
        return String.join("; ", fixes);
    }
}
