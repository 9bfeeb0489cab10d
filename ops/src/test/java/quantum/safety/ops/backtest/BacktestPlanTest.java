package quantum.safety.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.OpsInputException;
import quantum.safety.ops.bundle.ClasspathBundleSource;

/** Bad input is found before any query, and each message names the input and what to do. */
class BacktestPlanTest {

    private static final Instant FROM = Instant.parse("2026-01-19T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-01-20T00:00:00Z");
    private static final BacktestRules BUNDLE = BacktestRules.fromBundle(ClasspathBundleSource.packaged());

    @TempDir
    Path tmp;

    private static BacktestRequest request(Instant from, Instant to, Map<String, String> set, List<String> alerts) {
        return new BacktestRequest(BUNDLE, from, to, null, set, alerts, 5);
    }

    @Test
    void everyAlertOfTheBundleByDefaultAndCandidatesOnlyWhereSet() {
        List<BacktestPlan.Planned> plan = BacktestPlan.of(request(FROM, TO,
                Map.of("QuantumSafetyFaultSpike", "3"), List.of()));

        assertThat(plan).hasSize(BUNDLE.alerts().size());
        assertThat(plan).filteredOn(p -> p.candidate() != null).singleElement().satisfies(p -> {
            assertThat(p.rule().name()).isEqualTo("QuantumSafetyFaultSpike");
            assertThat(p.candidate()).isEqualTo("increase(quantum_safety_faults_total[5m]) > 3");
        });
    }

    @Test
    void theAlertFilterKeepsTheNamedAlertsAndTheOnesWithACandidate() {
        List<BacktestPlan.Planned> plan = BacktestPlan.of(request(FROM, TO,
                Map.of("QuantumSafetyExporterMemoryHigh", "100 * 1024 * 1024"), List.of("Watchdog")));

        assertThat(plan).extracting(p -> p.rule().name())
                .containsExactly("QuantumSafetyExporterMemoryHigh", "Watchdog");
    }

    @Test
    void aRangeThatDoesNotEndAfterItStartsIsRefused() {
        assertThatThrownBy(() -> BacktestPlan.of(request(TO, FROM, Map.of(), List.of())))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("--from").hasMessageContaining("--to");
        assertThatThrownBy(() -> BacktestPlan.of(request(TO, TO, Map.of(), List.of())))
                .isInstanceOf(OpsInputException.class);
    }

    @Test
    void anUnknownAlertNameListsTheKnownOnes() {
        assertThatThrownBy(() -> BacktestPlan.of(request(FROM, TO, Map.of("FaultSpike", "3"), List.of())))
                .isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--set FaultSpike: no such alert")
                .hasMessageContaining("QuantumSafetyFaultSpike, ");
        assertThatThrownBy(() -> BacktestPlan.of(request(FROM, TO, Map.of(), List.of("Nope"))))
                .isInstanceOf(OpsInputException.class).hasMessageStartingWith("--alert Nope: no such alert");
    }

    @Test
    void aCandidateForAnAlertWithoutOneThresholdNamesTheAlert() {
        assertThatThrownBy(() -> BacktestPlan.of(request(FROM, TO,
                Map.of("QuantumSafeModeSLOBudgetFastBurn", "0.2"), List.of())))
                .isInstanceOf(OpsInputException.class)
                .hasMessageContaining("QuantumSafeModeSLOBudgetFastBurn").hasMessageContaining("4 top-level thresholds")
                .hasMessageContaining("--rules");
        assertThatThrownBy(() -> BacktestPlan.of(request(FROM, TO, Map.of("Watchdog", "1"), List.of())))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("Watchdog")
                .hasMessageContaining("compares nothing");
    }

    @Test
    void aCandidateThatIsNoNumberIsRefused() {
        assertThatThrownBy(() -> BacktestPlan.of(request(FROM, TO, Map.of("QuantumSafetyFaultSpike", "five"),
                List.of()))).isInstanceOf(OpsInputException.class).hasMessageContaining("'five' is not a number");
    }

    @Test
    void anAlertWhoseExpressionDoesNotParseNamesItsFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.yml"), """
                groups:
                  - name: g
                    rules:
                      - alert: Broken
                        expr: rate(x[5m] > 1
                """);
        BacktestRules rules = BacktestRules.fromFiles(List.of(file));

        assertThatThrownBy(() -> BacktestPlan.of(new BacktestRequest(rules, FROM, TO, null, Map.of(), List.of(), 5)))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("alert Broken in " + file)
                .hasMessageContaining("does not parse");
    }

    @Test
    void aRuleFileThatIsMissingOrNoRuleFileIsBadInput() throws IOException {
        assertThatThrownBy(() -> BacktestRules.fromFiles(List.of(tmp.resolve("missing.yml"))))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("--rules " + tmp.resolve("missing.yml"));
        Path notRules = Files.writeString(tmp.resolve("x.yml"), "scrape_configs: []\n");
        assertThatThrownBy(() -> BacktestRules.fromFiles(List.of(notRules)))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("has no 'groups:' list");
    }

    @Test
    void ruleFilesGiveForKeepFiringForAndTheGroupInterval() throws IOException {
        Path file = Files.writeString(tmp.resolve("r.yml"), """
                groups:
                  - name: g
                    interval: 15s
                    rules:
                      - alert: A
                        expr: x > 1
                        for: 2m
                        keep_firing_for: 1m30s
                  - name: h
                    rules:
                      - record: y:rate5m
                        expr: rate(y[5m])
                """);
        BacktestRules rules = BacktestRules.fromFiles(List.of(file));

        assertThat(rules.alerts()).singleElement().satisfies(a -> {
            assertThat(a.forDuration()).hasSeconds(120);
            assertThat(a.keepFiringFor()).hasSeconds(90);
            assertThat(a.interval()).hasSeconds(15);
        });
        assertThat(rules.recordings().get("y:rate5m").interval()).as("the global interval applies").isNull();
        assertThat(rules.recordings().get("y:rate5m").withDefaultInterval(Duration.ofMinutes(2)).interval())
                .hasMinutes(2);
    }
}
