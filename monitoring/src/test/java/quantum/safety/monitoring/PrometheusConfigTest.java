package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The scrape job keeps the legacy contract (§4) but for the environment label, which names the operator's environment
 * (ops install --job.environment adds it), and the example prometheus.yml uses exactly that job.
 */
class PrometheusConfigTest {

    @Test
    @SuppressWarnings("unchecked")
    void theScrapeJobSnippetIsTheLegacyJobWithoutAnEnvironmentOfOurChoosing() {
        List<Map<String, Object>> snippet = new Yaml().load(Bundle.read(Bundle.SCRAPE_JOB));
        assertThat(snippet).singleElement().satisfies(job -> {
            assertThat(job).containsEntry("job_name", "quantum_safety_telemetry")
                    .containsEntry("scrape_interval", "15s").containsEntry("scrape_timeout", "10s");
            Map<String, Object> targets = ((List<Map<String, Object>>) job.get("static_configs")).get(0);
            // 127.0.0.1, never localhost: localhost resolved to ::1 while the old exporter bound IPv4 (bug 9)
            assertThat(targets.get("targets")).isEqualTo(List.of("127.0.0.1:9105"));
            assertThat(targets.get("labels")).isEqualTo(Map.of("service", "safety-telemetry",
                    "component", "quantum-trader"));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExamplePrometheusYmlScrapesWithTheSnippetLoadsTheRulesAndAlertsAlertmanager() {
        Map<String, Object> config = new Yaml().load(Bundle.read(Bundle.PROMETHEUS_CONFIG));
        List<Map<String, Object>> snippet = new Yaml().load(Bundle.read(Bundle.SCRAPE_JOB));
        assertThat((List<Map<String, Object>>) config.get("scrape_configs")).contains(snippet.get(0));
        assertThat((List<String>) config.get("rule_files"))
                .containsExactly("rules/quantum_safety_alerts.yml", "rules/quantum_safety_recording.yml");
        Map<String, Object> alerting = (Map<String, Object>) config.get("alerting");
        assertThat(alerting.toString()).contains("127.0.0.1:9093");
        // The Watchdog has no target labels; the external label lets Alertmanager group it by environment.
        assertThat((Map<String, Object>) ((Map<String, Object>) config.get("global")).get("external_labels"))
                .containsKey("environment");
    }
}
