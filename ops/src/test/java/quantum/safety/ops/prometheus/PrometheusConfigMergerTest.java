package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import quantum.safety.ops.OpsInputException;

class PrometheusConfigMergerTest {

    static final String JOB_YAML = """
            - job_name: quantum_safety_telemetry
              scrape_interval: 15s
              static_configs:
                - targets: ['127.0.0.1:9105']
                  labels:
                    service: safety-telemetry
            """;
    static final ScrapeJob JOB = ScrapeJob.parse(JOB_YAML, "quantum_safety_telemetry", "test");
    static final ScrapeJob SERVICE = ScrapeJob.parse("""
            - job_name: quantum_safety_kernel
              static_configs:
                - targets: ['127.0.0.1:9106']
                  labels:
                    service: safety-kernel
            """, "quantum_safety_kernel", "test");
    static final Path CONFIG_DIR = Path.of("/etc/prometheus");
    static final Path RULES = Path.of("/etc/prometheus/rules/quantum_safety_alerts.yml");

    static final String OPERATOR = """
            # Trading host Prometheus — edited by hand, keep these comments ✅
            global:
              scrape_interval: 15s   # default
              evaluation_interval: 15s

            rule_files:
              - "rules/node_*.yml"   # node alerts

            # Jobs, in the order the on-call expects them
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ["localhost:9091"]

              # node exporter
              - job_name: node
                scrape_interval: 30s
                static_configs:
                  - targets: ['127.0.0.1:9100']
            # end of file
            """;

    private final PrometheusConfigMerger merger = new PrometheusConfigMerger("prometheus.yml");

    private MergeResult merge(String text, ScrapeJob job, boolean force) {
        return merger.merge(text, request(job).force(force).build());
    }

    private static PrometheusConfigMerger.Request.Builder request(ScrapeJob job) {
        return PrometheusConfigMerger.Request.builder().job(job).ruleFiles(List.of(RULES)).configDir(CONFIG_DIR);
    }

    @Test
    void insertsOurJobAndRuleFileAndLeavesEveryOtherByteAlone() {
        MergeResult result = merge(OPERATOR, JOB, false);

        assertThat(result.changed()).isTrue();
        String expected = OPERATOR
                .replace("  - \"rules/node_*.yml\"   # node alerts\n",
                        "  - \"rules/node_*.yml\"   # node alerts\n  - /etc/prometheus/rules/quantum_safety_alerts.yml\n")
                .replace("      - targets: ['127.0.0.1:9100']\n", """
                              - targets: ['127.0.0.1:9100']
                          # Quantum Safety exporter: added by 'quantum-safety ops install'.
                          - job_name: quantum_safety_telemetry
                            scrape_interval: 15s
                            static_configs:
                              - targets:
                                  - 127.0.0.1:9105
                                labels:
                                  service: safety-telemetry
                        """);
        assertThat(result.text()).isEqualTo(expected);
        assertThat(jobNames(result.text())).containsExactly("prometheus", "node", "quantum_safety_telemetry");
    }

    @Test
    void secondMergeChangesNothing() {
        String once = merge(OPERATOR, JOB, false).text();
        MergeResult twice = merge(once, JOB, false);
        assertThat(twice.changed()).isFalse();
        assertThat(twice.text()).isEqualTo(once);
    }

    @Test
    void aJobWithOurNameAndAnotherTargetIsRefusedWithoutForce() {
        String other = merge(OPERATOR, JOB.withTargets(List.of("localhost:9105")), false).text();
        assertThatThrownBy(() -> merge(other, JOB, false))
                .isInstanceOf(PrometheusConfigMerger.JobConflictException.class)
                .hasMessageContaining("[localhost:9105]").hasMessageContaining("--force");
    }

    @Test
    void forceReplacesTheJobInPlaceAndNeverDuplicatesIt() {
        String other = merge(OPERATOR, JOB.withTargets(List.of("localhost:9105")), false).text();
        MergeResult forced = merge(other, JOB, true);
        assertThat(jobNames(forced.text())).containsExactly("prometheus", "node", "quantum_safety_telemetry");
        assertThat(forced.text()).contains("127.0.0.1:9105").doesNotContain("localhost:9105");
        assertThat(forced.text()).isEqualTo(merge(OPERATOR, JOB, false).text());
        assertThat(merge(forced.text(), JOB, true).changed()).isFalse();
    }

    @Test
    void aRuleFilesGlobThatCoversOurFileIsEnough() {
        String globbed = OPERATOR.replace("\"rules/node_*.yml\"", "\"rules/*.yml\"");
        MergeResult result = merge(globbed, JOB, false);
        assertThat(result.changes()).noneMatch(c -> c.startsWith("add rule_files"));
        assertThat(result.text()).doesNotContain("/etc/prometheus/rules/quantum_safety_alerts.yml");
    }

    @Test
    void aConfigWithoutScrapeConfigsOrRuleFilesGetsBoth() {
        String minimal = "global:\n  scrape_interval: 15s\n";
        MergeResult result = merge(minimal, JOB, false);
        assertThat(result.text()).startsWith(minimal);
        Map<String, Object> loaded = new Yaml().load(result.text());
        assertThat(loaded).containsKeys("global", "rule_files", "scrape_configs");
        assertThat(jobNames(result.text())).containsExactly("quantum_safety_telemetry");
        assertThat(merge(result.text(), JOB, false).changed()).isFalse();
    }

    @Test
    void emptyListsAndMissingFinalNewlineAreHandled() {
        String empty = "rule_files: []\nscrape_configs:";
        MergeResult result = merge(empty, JOB, false);
        Map<String, Object> loaded = new Yaml().load(result.text());
        assertThat(loaded.get("rule_files")).isEqualTo(List.of(RULES.toString()));
        assertThat(jobNames(result.text())).containsExactly("quantum_safety_telemetry");
    }

    @Test
    void windowsLineEndingsAreKept() {
        String crlf = OPERATOR.replace("\n", "\r\n");
        String merged = merge(crlf, JOB, false).text();
        assertThat(merged.replace("\r\n", "")).doesNotContain("\n");
        assertThat(merged.replace("\r\n", "\n")).isEqualTo(merge(OPERATOR, JOB, false).text());
    }

    @Test
    void anAlertmanagerIsAddedOnlyWhenThereIsNoAlertingSection() {
        MergeResult result = merger.merge(OPERATOR, request(JOB).alertmanagerAddress("127.0.0.1:9093").build());
        assertThat(result.text()).contains("alerting:\n  alertmanagers:\n    - static_configs:\n");
        assertThat(result.text().indexOf("alerting:")).isLessThan(result.text().indexOf("rule_files:"));
        MergeResult again = merger.merge(result.text(), request(JOB).alertmanagerAddress("127.0.0.1:9999").build());
        assertThat(again.changed()).isFalse();
    }

    @Test
    void flowStyleScrapeConfigsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> merge("scrape_configs: [{job_name: a}]\n", JOB, false))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("not a block list");
    }

    @Test
    void invalidYamlIsBadInput() {
        assertThatThrownBy(() -> merge("scrape_configs:\n  - job_name: [\n", JOB, false))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("not valid YAML");
    }

    // ---- two jobs: the exporter's and the decision service's ---------------------------------------------------

    private MergeResult mergeBoth(String text, ScrapeJob exporter, ScrapeJob service, boolean force) {
        return merger.merge(text, PrometheusConfigMerger.Request.builder().jobs(List.of(exporter, service))
                .ruleFiles(List.of(RULES)).configDir(CONFIG_DIR).force(force).build());
    }

    @Test
    void bothJobsGoAfterTheOperatorsEachUnderItsOwnMarker() {
        MergeResult result = mergeBoth(OPERATOR, JOB, SERVICE, false);

        // the exporter's job as a single merge adds it, then the service's, before the operator's last comment
        String expected = merge(OPERATOR, JOB, false).text().replace("# end of file\n", String.join("\n",
                "  # Quantum Safety decision service: added by 'quantum-safety ops install'.",
                "  - job_name: quantum_safety_kernel",
                "    static_configs:",
                "      - targets:",
                "          - 127.0.0.1:9106",
                "        labels:",
                "          service: safety-kernel",
                "# end of file", ""));
        assertThat(result.text()).isEqualTo(expected);
        assertThat(jobNames(result.text())).containsExactly("prometheus", "node", "quantum_safety_telemetry",
                "quantum_safety_kernel");
        assertThat(result.changes()).containsExactly("add rule_files entry " + RULES,
                "add scrape job quantum_safety_telemetry [127.0.0.1:9105] labels {service=safety-telemetry}",
                "add scrape job quantum_safety_kernel [127.0.0.1:9106] labels {service=safety-kernel}");
        assertThat(mergeBoth(result.text(), JOB, SERVICE, false).changed()).isFalse();
    }

    /** An install of an earlier version added the exporter's job only: the next adds the service's, nothing else. */
    @Test
    void theServiceJobIsAddedNextToAnExporterJobInstalledEarlier() {
        String earlier = merge(OPERATOR, JOB, false).text();
        MergeResult result = mergeBoth(earlier, JOB, SERVICE, false);
        assertThat(result.changes()).containsExactly(
                "add scrape job quantum_safety_kernel [127.0.0.1:9106] labels {service=safety-kernel}");
        assertThat(result.text()).isEqualTo(mergeBoth(OPERATOR, JOB, SERVICE, false).text());
    }

    @Test
    void aConfigWithoutScrapeConfigsOrWithAnEmptyOneGetsBothJobs() {
        for (String config : List.of("global:\n  scrape_interval: 15s\n", "rule_files: []\nscrape_configs:")) {
            MergeResult result = mergeBoth(config, JOB, SERVICE, false);
            assertThat(jobNames(result.text())).as(config).containsExactly("quantum_safety_telemetry", "quantum_safety_kernel");
            assertThat(result.text()).as(config).contains("# Quantum Safety exporter: added by",
                    "# Quantum Safety decision service: added by");
            assertThat(mergeBoth(result.text(), JOB, SERVICE, false).changed()).as(config).isFalse();
        }
    }

    @Test
    void aServiceJobScrapingAnotherTargetIsRefusedWithoutForceAndReplacedInPlaceWithIt() {
        String other = mergeBoth(OPERATOR, JOB, SERVICE.withTargets(List.of("10.0.0.7:9106")), false).text();

        assertThatThrownBy(() -> mergeBoth(other, JOB, SERVICE, false))
                .isInstanceOf(PrometheusConfigMerger.JobConflictException.class)
                .hasMessageContaining("'quantum_safety_kernel' scraping [10.0.0.7:9106]");
        MergeResult forced = mergeBoth(other, JOB, SERVICE, true);
        assertThat(forced.text()).isEqualTo(mergeBoth(OPERATOR, JOB, SERVICE, false).text());
        assertThat(forced.changes()).singleElement().asString().startsWith("replace scrape job quantum_safety_kernel");
    }

    @Test
    void twoServiceJobsAreRefusedLikeTwoExporterJobs() {
        String twice = mergeBoth(OPERATOR, JOB, SERVICE, false).text() + """
                  - job_name: quantum_safety_kernel
                    static_configs:
                      - targets: ['127.0.0.1:9107']
                """;
        assertThatThrownBy(() -> mergeBoth(twice, JOB, SERVICE, false)).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("2 jobs named 'quantum_safety_kernel'");
    }

    @Test
    void aRequestWithoutAJobIsRefused() {
        assertThatThrownBy(() -> PrometheusConfigMerger.Request.builder().jobs(List.of()).configDir(CONFIG_DIR).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scrape job is missing");
    }

    @SuppressWarnings("unchecked")
    static List<String> jobNames(String text) {
        Map<String, Object> loaded = new Yaml().load(text);
        return ((List<Map<String, Object>>) loaded.get("scrape_configs")).stream()
                .map(j -> String.valueOf(j.get("job_name"))).toList();
    }
}
