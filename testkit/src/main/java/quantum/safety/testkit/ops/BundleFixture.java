package quantum.safety.testkit.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test bundle: small copies of the monitoring bundle's files (scrape job, rule files, Alertmanager config and its
 * template, dashboard and its provisioning), at the bundle's own relative paths, for tests of the commands that install them.
 */
public final class BundleFixture {

    /** Where the files are on the classpath, for a test that reads the bundle from there. */
    public static final String RESOURCES = "quantum/safety/testkit/ops/bundle/";

    /** Every file of the bundle, by its path relative to the bundle's folder. */
    public static final List<String> FILES = List.of(
            "prometheus/scrape-job.yml",
            "prometheus/rules/quantum_safety_alerts.yml",
            "prometheus/rules/quantum_safety_recording.yml",
            "alertmanager/alertmanager.yml",
            "alertmanager/templates/quantum_safety.tmpl",
            "grafana/dashboards/quantum_safety_telemetry.json",
            "grafana/provisioning/dashboards/quantum_safety.yaml");

    private BundleFixture() {
    }

    /** Copies the bundle into {@code dir}, created as needed, and returns {@code dir}. */
    public static Path copyTo(Path dir) {
        try {
            for (String file : FILES) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = BundleFixture.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
                    if (in == null) {
                        throw new IOException("no " + RESOURCES + file + " on the classpath");
                    }
                    Files.copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
