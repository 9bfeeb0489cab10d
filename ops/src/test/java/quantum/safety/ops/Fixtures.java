package quantum.safety.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import quantum.safety.ops.bundle.BundlePaths;
import quantum.safety.ops.bundle.DirectoryBundleSource;

/** The test bundle: small copies of the monitoring bundle under fixtures/bundle, and a rule file promtool refuses. */
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
}
