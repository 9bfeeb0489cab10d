package quantum.safety.ops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quantum.safety.monitoring.Bundle;

/**
 * A copy of the REAL monitoring bundle (from the classpath) in a temporary folder, made fast enough for a test that
 * must finish in minutes. Only timings change, by text substitution, so every expression, label, annotation, route,
 * matcher and inhibition rule stays byte for byte the shipped one:
 * <ul>
 *   <li>rule files: every non-zero {@code for:} becomes {@value #FOR} and every group {@code interval:} becomes
 *       {@code 1s}. The real durations are covered by the promtool unit tests of the monitoring module
 *       ({@code monitoring/prometheus/tests/*.yml}, run by {@code PromtoolTest});</li>
 *   <li>alertmanager.yml: {@code group_wait} and {@code group_interval} become {@code 1s}, and the receivers' relay
 *       ({@code http://127.0.0.1:9095}) becomes the test's webhook receiver, paths kept
 *       ({@code /quantum-safety/pager}, {@code /ticket}, {@code /watchdog});</li>
 *   <li>prometheus.yml is written here: 1 s scrape and evaluation intervals, the bundle's rule files, the test's
 *       Alertmanager, and the bundle's scrape jobs (job names and labels as shipped) pointing at the test exporter
 *       and the test's decision service and audit archive.</li>
 * </ul>
 */
final class FastBundle {

    static final String FOR = "5s";
    private static final Pattern FOR_LINE = Pattern.compile("(?m)^(\\s+for: )(\\S+)$");
    private static final Pattern INTERVAL_LINE = Pattern.compile("(?m)^(\\s+interval: )(\\S+)$");
    private static final Pattern GROUP_TIMING = Pattern.compile("(?m)^(\\s+group_(?:wait|interval): )(\\S+)$");
    private static final String RELAY = "http://127.0.0.1:9095";

    private FastBundle() {
    }

    /** Writes the fast copy of the bundle under {@code dir}; receivers post to {@code webhookBase} + their path. */
    static void write(Path dir, String webhookBase) throws IOException {
        Bundle.copyTo(dir);
        for (String rules : Bundle.list("prometheus/rules")) {
            Path file = dir.resolve(rules);
            String text = Files.readString(file);
            String fast = INTERVAL_LINE.matcher(FOR_LINE.matcher(text).replaceAll(m ->
                    m.group(2).matches("0[smh]?") ? m.group() : Matcher.quoteReplacement(m.group(1) + FOR)))
                    .replaceAll("$11s");
            Files.writeString(file, fast);
        }
        Path am = dir.resolve(Bundle.ALERTMANAGER_CONFIG);
        String amText = Files.readString(am);
        assertThat(amText).as("the bundle's receivers post to the loopback relay").contains(RELAY);
        Files.writeString(am, GROUP_TIMING.matcher(amText).replaceAll("$11s").replace(RELAY, webhookBase));
    }

    /**
     * Writes {@code prometheus/prometheus.yml} under {@code dir} (after {@link #write}), the bundle's jobs scraping
     * the test's exporter, decision service and audit archive, and returns its path.
     */
    static Path writePrometheusConfig(Path dir, String exporterTarget, String serviceTarget, String archiveTarget,
                                      int alertmanagerPort) throws IOException {

        String job = Files.readString(dir.resolve(Bundle.SCRAPE_JOB));
        assertThat(job).contains("'127.0.0.1:9105'", "'127.0.0.1:9106'", "'127.0.0.1:9107'", "scrape_interval: 15s",
                "scrape_timeout: 10s");
        String fastJob = job.replace("'127.0.0.1:9105'", "'" + exporterTarget + "'")
                .replace("'127.0.0.1:9106'", "'" + serviceTarget + "'")
                .replace("'127.0.0.1:9107'", "'" + archiveTarget + "'")
                .replace("scrape_interval: 15s", "scrape_interval: 1s").replace("scrape_timeout: 10s", "scrape_timeout: 1s")
                .lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElseThrow();
        Path config = dir.resolve(Bundle.PROMETHEUS_CONFIG);
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                  external_labels:
                    environment: production
                rule_files:
                  - rules/quantum_safety_alerts.yml
                  - rules/quantum_safety_recording.yml
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                %s
                """.formatted(alertmanagerPort, fastJob));
        return config;
    }
}
