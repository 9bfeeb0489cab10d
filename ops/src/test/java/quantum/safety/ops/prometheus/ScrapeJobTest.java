package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.ops.OpsInputException;

class ScrapeJobTest {

    private static final String JOB = """
            - job_name: quantum_safety_telemetry
              static_configs:
                - targets: ['127.0.0.1:9105']
                  labels:
                    service: safety-telemetry
                - targets: ['127.0.0.1:9106']
            """;

    @Test
    void anEnvironmentLabelGoesOnEveryStaticConfigAndReplacesOneThatIsThere() {
        ScrapeJob job = ScrapeJob.parse(JOB, "quantum_safety_telemetry", "test");

        ScrapeJob staging = job.withLabel("environment", "staging");
        ScrapeJob production = staging.withLabel("environment", "production");

        assertThat(staging.labels()).isEqualTo(Map.of("service", "safety-telemetry", "environment", "staging"));
        assertThat(staging.body().toString()).contains("{targets=[127.0.0.1:9106], labels={environment=staging}}");
        assertThat(production.labels()).containsEntry("environment", "production");
        assertThat(job.labels()).as("the original is left as it was").doesNotContainKey("environment");
    }

    @Test
    void findReadsAJobFromAWholePrometheusConfigAndIsEmptyForAJobItLacks() {
        String config = """
                global:
                  scrape_interval: 15s
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ['127.0.0.1:9100']
                  - job_name: quantum_safety_kernel
                    static_configs:
                      - targets: ['10.0.0.7:9106', '10.0.0.8:9106']
                """;
        assertThat(ScrapeJob.find(config, "quantum_safety_kernel", "prometheus.yml")).get()
                .extracting(ScrapeJob::targets).isEqualTo(List.of("10.0.0.7:9106", "10.0.0.8:9106"));
        assertThat(ScrapeJob.find(config, "quantum_safety_telemetry", "prometheus.yml")).isEmpty();
        assertThat(ScrapeJob.find(JOB, "quantum_safety_kernel", "test")).isEmpty();
    }

    @Test
    void parseNamesTheJobAndTheFileWhenTheJobIsMissing() {
        assertThatThrownBy(() -> ScrapeJob.parse(JOB, "quantum_safety_kernel", "scrape-job.yml"))
                .isInstanceOf(OpsInputException.class)
                .hasMessage("scrape-job.yml holds no scrape job named 'quantum_safety_kernel'");
    }
}
