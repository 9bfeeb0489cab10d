package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
