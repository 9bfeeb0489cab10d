package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The file against what Prometheus 2.42 answers on {@code /api/v1/status/config} for it (captured from a real one):
 * defaults filled in, {@code 60s} shown as {@code 1m}, the password hidden. The end-to-end tests of install compare
 * with a live Prometheus.
 */
class RunningConfigTest {

    private static final Path DIR = Path.of("/etc/prometheus");

    private static final String FILE = """
            # Prometheus of the trading host — edited by hand
            global:
              scrape_interval: 1s      # fast
              evaluation_interval: 60s
              external_labels: {a: b}
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['127.0.0.1:9999']
            rule_files:
              - "rules/node_*.yml"
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ['127.0.0.1:19090']
              - job_name: node
                honor_labels: false
                basic_auth: {username: u, password: secretpw}
                file_sd_configs:
                  - files: [sd/*.json]
                static_configs:
                  - targets: ['127.0.0.1:9100']
                    labels: {x: "1"}
            """;

    private static final String RUNNING = """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1m
              external_labels:
                a: b
            alerting:
              alertmanagers:
              - follow_redirects: true
                enable_http2: true
                scheme: http
                timeout: 10s
                api_version: v2
                static_configs:
                - targets:
                  - 127.0.0.1:9999
            rule_files:
            - rules/node_*.yml
            scrape_configs:
            - job_name: prometheus
              honor_timestamps: true
              scrape_interval: 1s
              scrape_timeout: 1s
              metrics_path: /metrics
              scheme: http
              static_configs:
              - targets:
                - 127.0.0.1:19090
            - job_name: node
              honor_timestamps: true
              scrape_interval: 1s
              scrape_timeout: 1s
              metrics_path: /metrics
              scheme: http
              basic_auth:
                username: u
                password: <secret>
              file_sd_configs:
              - files:
                - /etc/prometheus/sd/*.json
                refresh_interval: 5m
              static_configs:
              - targets:
                - 127.0.0.1:9100
                labels:
                  x: "1"
            """;

    @Test
    void theFileAPrometheusRunsMatchesWhateverItsCommentsLayoutAndDefaults() {
        assertThat(RunningConfig.difference(FILE, RUNNING, DIR)).isEmpty();
    }

    /** Prometheus joins relative paths to its --config.file's folder, which may itself be relative to its cwd. */
    @Test
    void relativePathsMatchWhereverPrometheusWasStartedFrom() {
        String file = "rule_files:\n  - rules/node_*.yml\n";

        assertThat(RunningConfig.difference(file, "rule_files:\n- rules/node_*.yml\n", DIR)).isEmpty();
        assertThat(RunningConfig.difference(file, "rule_files:\n- etc/prometheus/rules/node_*.yml\n", DIR)).isEmpty();
        assertThat(RunningConfig.difference(file, "rule_files:\n- /etc/prometheus/rules/node_*.yml\n", DIR)).isEmpty();
        assertThat(RunningConfig.difference(file, "rule_files:\n- /srv/other/rules/node_*.yml\n", DIR)).isPresent();
        assertThat(RunningConfig.difference(file, "rule_files:\n- rules/other_*.yml\n", DIR)).isPresent();
    }

    @Test
    void anEmptyOrCommentOnlyFileIsEmpty() {
        assertThat(RunningConfig.isEmpty("")).isTrue();
        assertThat(RunningConfig.isEmpty("\n  \n")).isTrue();
        assertThat(RunningConfig.isEmpty("# just a comment\n")).isTrue();
        assertThat(RunningConfig.isEmpty("scrape_configs: []\n")).isFalse();
    }

    @Test
    void aConfigWithoutTheJobsPrometheusScrapesIsNotTheOneItRuns() {
        assertThat(RunningConfig.difference("global:\n  scrape_interval: 1s\n", RUNNING, DIR)).hasValueSatisfying(d ->
                assertThat(d).startsWith("alerting: the file has none"));
        assertThat(RunningConfig.difference("scrape_configs: []\n", RUNNING, DIR)).hasValueSatisfying(d ->
                assertThat(d).isEqualTo("scrape_configs: the file says 0 entries, Prometheus runs jobs [prometheus, node]"));
    }

    @Test
    void anEditNotReloadedYetIsNamedWithBothValues() {
        String edited = FILE.replace("targets: ['127.0.0.1:9100']", "targets: ['127.0.0.1:9101']");
        String renamed = FILE.replace("job_name: node", "job_name: nodes");
        String slower = FILE.replace("scrape_interval: 1s", "scrape_interval: 15s");

        assertThat(RunningConfig.difference(edited, RUNNING, DIR)).contains(
                "scrape_configs[1].static_configs[0].targets[0]: the file says '127.0.0.1:9101', Prometheus runs '127.0.0.1:9100'");
        assertThat(RunningConfig.difference(renamed, RUNNING, DIR)).contains(
                "scrape_configs[1].job_name: the file says 'nodes', Prometheus runs 'node'");
        assertThat(RunningConfig.difference(slower, RUNNING, DIR)).contains(
                "global.scrape_interval: the file says '15s', Prometheus runs '1s'");
    }

    @Test
    void aSettingPrometheusDoesNotHaveIsADifferenceUnlessItIsEmpty() {
        String extra = FILE.replace("  - job_name: prometheus\n", "  - job_name: prometheus\n    sample_limit: 100\n");

        assertThat(RunningConfig.difference(extra, RUNNING, DIR)).contains(
                "scrape_configs[0].sample_limit: the file sets '100', Prometheus runs none");
    }
}
