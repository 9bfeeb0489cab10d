package quantum.safety.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.DirectoryBundleSource;

/** The test bundle (small copies of the monitoring bundle under fixtures/bundle) and an operator's prometheus.yml. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Copies the fixture bundle into {@code dir} (works from a directory or from the ops test jar). */
    public static Path copyBundleTo(Path dir) {
        String[] files = {BundlePaths.SCRAPE_JOB, BundlePaths.ALERT_RULES, BundlePaths.RECORDING_RULES,
                BundlePaths.ALERTMANAGER, BundlePaths.DASHBOARD, BundlePaths.DASHBOARD_PROVISIONING};
        try {
            for (String file : files) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/bundle/" + file)) {
                    Files.copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static DirectoryBundleSource bundle(Path dir) {
        return new DirectoryBundleSource(copyBundleTo(dir));
    }

    /** A rule file promtool refuses (bad PromQL). */
    public static byte[] invalidAlertRules() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/invalid/quantum_safety_alerts.yml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An operator's config with comments, blank lines, quoting styles and other jobs, the way a hand-kept
     * prometheus.yml looks; {@code extraJob} is appended to scrape_configs verbatim (may be empty).
     */
    public static String operatorConfig(int prometheusPort, int alertmanagerPort, String extraJob) {
        return """
                # Prometheus of the trading host — edited by hand; keep these comments.
                global:
                  scrape_interval: 1s      # fast, for tests
                  evaluation_interval: 1s

                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']

                # Operator rules live next to ours.
                rule_files:
                  - "rules/operator_*.yml"

                scrape_configs:
                  # Prometheus itself
                  - job_name: prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d"]

                  # node exporter (not running in tests; that is fine)
                  - job_name: node
                    scrape_interval: 30s
                    static_configs:
                      - targets: ['127.0.0.1:9']
                %s# end of the operator's file
                """.formatted(alertmanagerPort, prometheusPort, extraJob);
    }
}
