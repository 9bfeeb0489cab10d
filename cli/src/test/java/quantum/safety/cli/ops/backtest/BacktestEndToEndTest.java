package quantum.safety.cli.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.Main;
import quantum.safety.ops.Http;
import quantum.safety.ops.backtest.HistoryApi;
import quantum.safety.process.PrometheusProcess;
import quantum.safety.testkit.RequiresTools;

/**
 * The bundle's alerts replayed on a real Prometheus whose history was backfilled with promtool, checked against
 * answers worked out by hand from the data ({@link History} keeps samples off the evaluation grid, so each is exact).
 *
 * <p>The fault counter jumps by 10, 4 and 10 at 1h, 3h and 5h (at hh:00:05). {@code increase(…[5m]) > 5} then holds
 * at the 9 evaluations from 25 s to 265 s after a jump of 10 (the 4 gives 4.2): pending at +25 s, firing after
 * {@code for: 3m} at +205 s, resolved at +295 s: 90 s each, twice; with the threshold 3 the 4 counts too: 3 times.
 *
 * <p>The exporter's memory is 100 MiB for 30 min from 1h30m, 90 MiB for 40 min from 4h, 80 MiB for 20 min from 6h
 * (60 MiB otherwise): above 84 MiB for 30 and 40 minutes, so with {@code for: 15m} it fires 15 and 25 minutes; with
 * a candidate of 75 MiB the 20 minutes at 80 MiB fire 5 minutes too.
 */
@RequiresTools({"prometheus", "promtool"})
class BacktestEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The history's start: 8 hours ago, on the minute, so evaluations every 30 s fall on :00 and :30. */
    private static final Instant D0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(8));
    private static final Instant FROM = D0.plus(Duration.ofMinutes(30));
    private static final Instant TO = D0.plus(Duration.ofMinutes(450));
    private static final long MIB = History.MIB;

    @TempDir
    static Path dir;

    private static PrometheusProcess prometheus;

    @BeforeAll
    static void startPrometheusOnHistory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("prometheus"));
        new History(D0, Duration.ofMinutes(455))
                .family("quantum_safety_faults", "counter", "quantum_safety_faults_total", s -> 1000
                        + (s >= 3605 ? 10 : 0) + (s >= 10805 ? 4 : 0) + (s >= 18005 ? 10 : 0))
                .family("process_resident_memory_bytes", "gauge", "process_resident_memory_bytes", s ->
                        s >= 5405 && s < 7205 ? 100 * MIB : s >= 14405 && s < 16805 ? 90 * MIB
                                : s >= 21605 && s < 22805 ? 80 * MIB : 60 * MIB)
                .family("quantum_safety_safe_mode", "gauge", "quantum_safety_safe_mode", s -> 0)
                .family("quantum_safety_exporter_scrape_deadline_exceeded", "counter",
                        "quantum_safety_exporter_scrape_deadline_exceeded_total", s -> 0)
                .writeBlocks(dir, PrometheusProcess.historyDir(work));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  evaluation_interval: 30s
                scrape_configs: []
                """, StandardCharsets.UTF_8);
        prometheus = PrometheusProcess.startOnHistory(config, work);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static Instant at(long secondsAfterD0) {
        return D0.plusSeconds(secondsAfterD0);
    }

    private static BacktestRun backtest(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--prometheus.url=" + prometheus.url(),
                "--from=" + FROM, "--to=" + TO, "--set", "QuantumSafetyFaultSpike=3",
                "--set", "QuantumSafetyExporterMemoryHigh=75 * 1024 * 1024"));
        args.addAll(List.of(more));
        return BacktestRun.of(args.toArray(String[]::new));
    }

    private static JsonNode alert(JsonNode report, String name) {
        for (JsonNode alert : report.path("alerts")) {
            if (alert.path("alert").asText().equals(name)) {
                return alert;
            }
        }
        throw new AssertionError("no " + name + " in " + report);
    }

    private static List<String> episodes(JsonNode variant) {
        List<String> spans = new java.util.ArrayList<>();
        variant.path("episodes").forEach(e -> spans.add(e.path("start").asText() + "/" + e.path("end").asText()));
        return spans;
    }

    @Test
    void theFaultSpikeFiresTwiceAsWrittenAndThreeTimesWithTheCandidateThreshold() throws Exception {
        BacktestRun run = backtest("--json", "--episodes=10");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("alerts")).hasSize(36);

        JsonNode spike = alert(report, "QuantumSafetyFaultSpike");
        assertThat(spike.path("forSeconds").asLong()).isEqualTo(180);
        assertThat(spike.path("stepSeconds").asLong()).isEqualTo(30);
        JsonNode current = spike.path("variants").path(0);
        assertThat(current.path("threshold").asText()).isEqualTo("> 5");
        assertThat(current.path("status").asText()).isEqualTo("FIRED");
        assertThat(current.path("fired").asInt()).isEqualTo(2);
        assertThat(current.path("firingSeconds").asLong()).isEqualTo(180);
        assertThat(current.path("longestSeconds").asLong()).isEqualTo(90);
        assertThat(episodes(current)).containsExactly(at(3810) + "/" + at(3900), at(18210) + "/" + at(18300));
        assertThat(current.path("episodes").path(0).path("labels").path("instance").asText())
                .isEqualTo("127.0.0.1:9105");

        JsonNode candidate = spike.path("variants").path(1);
        assertThat(candidate.path("variant").asText()).isEqualTo("candidate");
        assertThat(candidate.path("threshold").asText()).isEqualTo("> 3");
        assertThat(candidate.path("fired").asInt()).isEqualTo(3);
        assertThat(candidate.path("firingSeconds").asLong()).isEqualTo(270);
        assertThat(episodes(candidate)).containsExactly(at(3810) + "/" + at(3900), at(11010) + "/" + at(11100),
                at(18210) + "/" + at(18300));
    }

    @Test
    void theMemoryAlertFiresForWhatIsLeftOfEachEpisodeAfterFor() throws Exception {
        JsonNode memory = alert(JSON.readTree(backtest("--json").out()), "QuantumSafetyExporterMemoryHigh");

        JsonNode current = memory.path("variants").path(0);
        assertThat(current.path("threshold").asText()).isEqualTo("> 84 * 1024 * 1024");
        assertThat(current.path("fired").asInt()).isEqualTo(2);
        assertThat(current.path("firingSeconds").asLong()).isEqualTo(15 * 60 + 25 * 60);
        assertThat(current.path("longestSeconds").asLong()).isEqualTo(25 * 60);
        assertThat(episodes(current)).containsExactly(at(6330) + "/" + at(7230), at(15330) + "/" + at(16830));

        JsonNode candidate = memory.path("variants").path(1);
        assertThat(candidate.path("fired").asInt()).isEqualTo(3);
        assertThat(candidate.path("firingSeconds").asLong()).isEqualTo(45 * 60);
        assertThat(episodes(candidate)).last().isEqualTo(at(22530) + "/" + at(22830));
    }

    @Test
    void neverCrossedNoDataAndInlinedRecordingsAreToldApart() throws Exception {
        JsonNode report = JSON.readTree(backtest("--json").out());

        JsonNode safeMode = alert(report, "QuantumSafeModeActive").path("variants").path(0);
        assertThat(safeMode.path("status").asText()).isEqualTo("NEVER_CROSSED");
        assertThat(safeMode.path("fired").asInt()).isZero();
        assertThat(safeMode.path("closest").isNull()).as("no closest value for ==").isTrue();
        assertThat(safeMode.path("missingMetrics")).isEmpty();

        JsonNode deadline = alert(report, "QuantumSafetyExporterScrapeDeadlineExceeded").path("variants").path(0);
        assertThat(deadline.path("status").asText()).isEqualTo("NEVER_CROSSED");
        assertThat(deadline.path("closest").isNumber()).isTrue();
        assertThat(deadline.path("closest").asDouble()).isZero();

        JsonNode redis = alert(report, "QuantumRedisConnectionLost").path("variants").path(0);
        assertThat(redis.path("status").asText()).isEqualTo("NO_DATA");
        assertThat(redis.path("missingMetrics").toString()).contains("quantum_safety_redis_up");

        JsonNode slow = alert(report, "QuantumSafetyDecisionServiceSlow").path("variants").path(0);
        assertThat(slow.path("inlined").toString())
                .contains("instance:quantum_safety_service_decision_duration_seconds:p99_rate5m");
        assertThat(slow.path("expr").asText()).startsWith("(histogram_quantile(0.99");
        assertThat(slow.path("status").asText()).isEqualTo("NO_DATA");
        assertThat(report.path("warnings").toString()).contains("QuantumRedisConnectionLost: no data",
                "QuantumSafetyDecisionServiceSlow: recorded series without data");

        JsonNode watchdog = alert(report, "Watchdog").path("variants").path(0);
        assertThat(watchdog.path("fired").asInt()).isEqualTo(1);
        assertThat(watchdog.path("episodes").path(0).path("start").asText()).isEqualTo(FROM.toString());
        assertThat(watchdog.path("episodes").path(0).path("stillFiring").asBoolean()).isTrue();
    }

    @Test
    void theTableShowsCurrentAndCandidateSideBySideAndTheMarkdownReportIsWritten() throws Exception {
        Path markdown = dir.resolve("backtest.md");
        BacktestRun run = backtest("--alert", "QuantumSafetyExporterScrapeDeadlineExceeded", "--markdown", markdown.toString());

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        int spike = lines.indexOf(lines.stream().filter(l -> l.startsWith("QuantumSafetyFaultSpike ")).findFirst()
                .orElseThrow());
        assertThat(lines.get(spike).split("\\s{2,}"))
                .containsExactly("QuantumSafetyFaultSpike", "current", "> 5", "3m", "30s", "2", "3m", "1m30s", "fired");
        assertThat(lines.get(spike + 1).strip().split("\\s{2,}"))
                .containsExactly("candidate", "> 3", "3m", "30s", "3", "4m30s", "1m30s", "fired");
        assertThat(run.out()).contains("never crossed (closest 0)", at(3810) + " - " + at(3900) + "  1m30s");
        assertThat(run.out()).doesNotContain("QuantumRedisConnectionLost");
        assertThat(Files.readString(markdown)).contains("# Alert backtest",
                "| QuantumSafetyFaultSpike | current | `> 5` | 3m | 30s | 2 | 3m | 1m30s | fired |",
                "|  | candidate | `> 3` | 3m | 30s | 3 | 4m30s | 1m30s | fired |");
    }

    @Test
    void aLongRangeIsSplitIntoQueriesThatGiveTheSameAnswer() {
        String expr = "increase(quantum_safety_faults_total[5m]) > 3";
        Duration step = Duration.ofSeconds(30);
        int evaluations = (int) (Duration.between(FROM, TO).toSeconds() / 30) + 1;
        HistoryApi whole = new HistoryApi(prometheus.url(), Http.withDefaults(), HistoryApi.MAX_POINTS);
        HistoryApi split = new HistoryApi(prometheus.url(), Http.withDefaults(), 100);

        Map<Map<String, String>, NavigableMap<Instant, Double>> expected = whole.queryRange(expr, FROM, step,
                evaluations);
        Map<Map<String, String>, NavigableMap<Instant, Double>> pieced = split.queryRange(expr, FROM, step,
                evaluations);

        assertThat(whole.calls()).isEqualTo(1);
        assertThat(split.calls()).isEqualTo((evaluations + 99) / 100);
        assertThat(pieced).isEqualTo(expected);
        assertThat(expected.values().iterator().next()).hasSize(27);
    }

    @Test
    void anExpressionPrometheusRefusesIsBadInputNamingTheAlertAndFile() throws Exception {
        Path rules = Files.writeString(dir.resolve("bad_rules.yml"), """
                groups:
                  - name: g
                    rules:
                      - alert: RateOfAnInstantVector
                        expr: rate(quantum_safety_faults_total) > 1
                """);
        BacktestRun run = BacktestRun.of("--prometheus.url=" + prometheus.url(), "--rules", rules.toString(),
                "--from=" + FROM, "--to=" + TO);

        assertThat(run.code()).as(run.out()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().findFirst().orElse(""))
                .contains("alert RateOfAnInstantVector in " + rules, "Prometheus refused");
    }
}
