package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The promtool unit tests (prometheus/tests/*.yml) cover every rule: each alert has a case where it fires, with
 * its labels and annotations asserted, and a case where it must stay silent — for alerts with a {@code for}
 * duration, an earlier evaluation of the same input where it is still pending. Every recording rule is asserted
 * by value. PromtoolTest runs them.
 */
class RuleUnitTestCoverageTest {

    /** One {@code alert_rule_test} entry, with the test group (same input series) it belongs to. */
    record AlertCase(String file, String testName, int group, String alertname, Duration evalTime,
                     List<Map<String, Object>> expAlerts) {
    }

    @Test
    void everyAlertHasAFiringCaseWithLabelsAndAnnotations() {
        List<AlertCase> cases = alertCases();
        for (RuleFiles.Alert alert : RuleFiles.alerts()) {
            List<AlertCase> firing = cases.stream()
                    .filter(c -> c.alertname().equals(alert.name()) && !c.expAlerts().isEmpty()).toList();
            assertThat(firing).as("firing cases of %s", alert.name()).isNotEmpty();
            firing.forEach(c -> assertThat(c.expAlerts()).as("%s in '%s'", alert.name(), c.testName())
                    .allSatisfy(exp -> {
                        assertThat(asMap(exp.get("exp_labels")))
                                .containsEntry("severity", alert.labels().get("severity"))
                                .containsEntry("component", alert.labels().get("component"));
                        assertThat(asMap(exp.get("exp_annotations")))
                                .containsKeys("summary", "description", "runbook_url");
                    }));
        }
    }

    @Test
    void everyAlertHasASilentCaseAndDelayedAlertsArePendingBeforeTheyFire() {
        List<AlertCase> cases = alertCases();
        for (RuleFiles.Alert alert : RuleFiles.alerts()) {
            if (alert.name().equals("Watchdog")) {
                continue; // fires by design in every case: there is no input where it must stay silent
            }
            List<AlertCase> silent = cases.stream()
                    .filter(c -> c.alertname().equals(alert.name()) && c.expAlerts().isEmpty()).toList();
            assertThat(silent).as("silent cases of %s", alert.name()).isNotEmpty();
            if (!parse(alert.forDuration()).isZero()) {
                boolean pendingBeforeFiring = cases.stream()
                        .filter(c -> c.alertname().equals(alert.name()) && !c.expAlerts().isEmpty())
                        .anyMatch(f -> silent.stream().anyMatch(s -> s.file().equals(f.file())
                                && s.group() == f.group() && s.evalTime().compareTo(f.evalTime()) < 0
                                && f.evalTime().minus(s.evalTime()).compareTo(parse(alert.forDuration())) < 0));
                assertThat(pendingBeforeFiring)
                        .as("%s (for: %s) has a silent evaluation less than `for` before it fires, same input",
                                alert.name(), alert.forDuration())
                        .isTrue();
            }
        }
    }

    /** Legacy bug (contract §4): faults ageing out of the last-hour gauge fired the old spike alert. */
    @Test
    void theLegacyFalsePositiveHasItsCase() {
        assertThat(alertCases()).anySatisfy(c -> {
            assertThat(c.testName()).contains("legacy false positive");
            assertThat(c.alertname()).isEqualTo("QuantumSafetyFaultSpike");
            assertThat(c.expAlerts()).isEmpty();
        });
    }

    @Test
    void everyRecordingRuleIsAssertedByValue() {
        List<String> exprs = new ArrayList<>();
        forEachTest((file, index, test) -> asList(test.get("promql_expr_test"))
                .forEach(t -> exprs.add((String) asMap(t).get("expr"))));
        for (RuleFiles.Recording rule : RuleFiles.recordings()) {
            Pattern named = Pattern.compile("(?<![\\w:])" + Pattern.quote(rule.name()) + "(?![\\w:])");
            assertThat(exprs).as("promql_expr_test of %s", rule.name()).anyMatch(e -> named.matcher(e).find());
        }
    }

    static List<AlertCase> alertCases() {
        List<AlertCase> cases = new ArrayList<>();
        forEachTest((file, index, test) -> asList(test.get("alert_rule_test")).forEach(t -> {
            Map<String, Object> entry = asMap(t);
            cases.add(new AlertCase(file, String.valueOf(test.get("name")), index, (String) entry.get("alertname"),
                    parse(String.valueOf(entry.get("eval_time"))),
                    asList(entry.get("exp_alerts")).stream().map(RuleUnitTestCoverageTest::asMap).toList()));
        }));
        return cases;
    }

    interface TestVisitor {
        void visit(String file, int index, Map<String, Object> test);
    }

    static void forEachTest(TestVisitor visitor) {
        List<String> files = Bundle.list(Bundle.RULE_TESTS);
        assertThat(files).isNotEmpty();
        for (String file : files) {
            Map<String, Object> doc = new Yaml().load(Bundle.read(file));
            List<Object> tests = asList(doc.get("tests"));
            for (int i = 0; i < tests.size(); i++) {
                visitor.visit(file, i, asMap(tests.get(i)));
            }
        }
    }

    /** Prometheus durations as used in the test files: 1h, 6h18m30s, 0m. */
    static Duration parse(String duration) {
        Matcher m = Pattern.compile("(\\d+)(d|h|m|s)").matcher(duration);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }
}
