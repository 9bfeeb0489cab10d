package quantum.safety.ops.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import quantum.safety.ops.prometheus.ExpectedRules;
import quantum.safety.ops.prometheus.PrometheusApi.Rule;
import quantum.safety.ops.prometheus.PrometheusApi.RuleGroup;

/** Each of our rule groups is loaded from our file, with every expected rule and no evaluation error ({@code /api/v1/rules}). */
public final class RuleGroupCheck implements Check {

    @Override
    public String title() {
        return "rule groups loaded with every expected rule";
    }

    @Override
    public List<CheckResult> run(Observations o, VerifySettings s) {
        List<CheckResult> results = new ArrayList<>();
        for (ExpectedRules.Group expected : s.expectedRules().groups()) {
            results.add(check(o, expected, s));
        }
        return results;
    }

    private static CheckResult check(Observations o, ExpectedRules.Group expected, VerifySettings s) {
        String name = "rule group " + expected.name() + " loaded from " + expected.fileName();
        if (!o.rules().ok()) {
            return CheckResult.failed(Section.ALERT_RULES, name, "GET /api/v1/rules: " + o.rules().error(),
                    "start Prometheus or point --prometheus.url at it");
        }
        Optional<RuleGroup> loaded = o.rules().value().stream()
                .filter(g -> g.name().equals(expected.name()))
                .filter(g -> Path.of(g.file()).getFileName().toString().equals(expected.fileName()))
                .findFirst();
        if (loaded.isEmpty()) {
            String present = o.rules().value().stream().map(g -> g.name() + " (" + g.file() + ")")
                    .collect(Collectors.joining(", "));
            return CheckResult.failed(Section.ALERT_RULES, name, "not loaded; groups loaded: "
                    + (present.isEmpty() ? "none" : present),
                    "install the bundle, which copies the rule file, adds it to rule_files and reloads Prometheus: "
                            + s.commands().install(null));
        }
        RuleGroup group = loaded.get();
        List<String> names = group.rules().stream().map(Rule::name).toList();
        List<String> missing = expected.rules().stream().filter(r -> !names.contains(r)).toList();
        List<Rule> broken = group.rules().stream()
                .filter(r -> "err".equals(r.health()) || !r.lastError().isEmpty()).toList();
        StringBuilder evidence = new StringBuilder(group.rules().size() + " rules from " + group.file()
                + ", interval " + (long) group.intervalSeconds() + "s:");
        for (Rule rule : group.rules()) {
            evidence.append("\n  ").append(rule.name()).append(" (").append(rule.type()).append(", health ")
                    .append(rule.health()).append(rule.lastError().isEmpty() ? "" : ", error: " + rule.lastError())
                    .append(")");
        }
        if (!missing.isEmpty()) {
            evidence.append("\nmissing: ").append(missing);
        }
        if (missing.isEmpty() && broken.isEmpty()) {
            return CheckResult.passed(Section.ALERT_RULES, name, evidence.toString());
        }
        return CheckResult.failed(Section.ALERT_RULES, name, evidence.toString(), !missing.isEmpty()
                ? "the loaded file is not the bundle's; install the bundle's: " + s.commands().install(null)
                : "fix the failing expressions (promtool test rules) and re-install");
    }
}
