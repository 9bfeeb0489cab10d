package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The scrape jobs: the exporter's keeps the legacy contract (§4) but for the environment label, which names the
 * operator's environment (ops install --job.environment adds it); the decision service's follows it, on its own port.
 * The example prometheus.yml uses exactly those jobs.
 */
class PrometheusConfigTest {

    @Test
    void theScrapeJobSnippetHoldsTheExporterTheDecisionServiceAndTheArchiveJobsInThatOrder() {
        assertThat(jobs()).extracting(j -> j.get("job_name"))
                .containsExactly("quantum_safety_telemetry", "quantum_safety_kernel", "quantum_safety_archive");
    }

    @Test
    void theExporterJobIsTheLegacyJobWithoutAnEnvironmentOfOurChoosing() {
        // 127.0.0.1, never localhost: localhost resolved to ::1 while the old exporter bound IPv4 (bug 9)
        assertJob(jobs().get(0), "quantum_safety_telemetry", "127.0.0.1:9105", "safety-telemetry");
    }

    @Test
    void theDecisionServiceJobScrapesItsDefaultListenAddressWithTheSameTimings() {
        assertJob(jobs().get(1), "quantum_safety_kernel", "127.0.0.1:9106", "safety-kernel");
    }

    /** quantum-safety archive listens on 127.0.0.1:9107 by default, next to the exporter and the decision service. */
    @Test
    void theArchiveJobScrapesItsDefaultListenAddressWithTheSameTimings() {
        assertJob(jobs().get(2), "quantum_safety_archive", "127.0.0.1:9107", "safety-archive");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExamplePrometheusYmlScrapesWithTheSnippetLoadsTheRulesAndAlertsAlertmanager() {
        Map<String, Object> config = new Yaml().load(Bundle.read(Bundle.PROMETHEUS_CONFIG));
        assertThat((List<Map<String, Object>>) config.get("scrape_configs")).containsAll(jobs());
        assertThat((List<String>) config.get("rule_files"))
                .containsExactly("rules/quantum_safety_alerts.yml", "rules/quantum_safety_recording.yml");
        Map<String, Object> alerting = (Map<String, Object>) config.get("alerting");
        assertThat(alerting.toString()).contains("127.0.0.1:9093");
        // The Watchdog has no target labels; the external label lets Alertmanager group it by environment.
        assertThat((Map<String, Object>) ((Map<String, Object>) config.get("global")).get("external_labels"))
                .containsKey("environment");
    }

    static List<Map<String, Object>> jobs() {
        return new Yaml().load(Bundle.read(Bundle.SCRAPE_JOB));
    }

    @SuppressWarnings("unchecked")
    private static void assertJob(Map<String, Object> job, String name, String target, String service) {
        assertThat(job).containsEntry("job_name", name).containsEntry("metrics_path", "/metrics")
                .containsEntry("scrape_interval", "15s").containsEntry("scrape_timeout", "10s");
        assertThat((List<Map<String, Object>>) job.get("static_configs")).singleElement().satisfies(targets -> {
            assertThat(targets.get("targets")).isEqualTo(List.of(target));
            assertThat(targets.get("labels")).isEqualTo(Map.of("service", service, "component", "quantum-trader"));
        });
    }
}
