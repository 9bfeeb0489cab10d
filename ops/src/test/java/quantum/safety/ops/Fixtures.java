package quantum.safety.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import quantum.safety.ops.bundle.DirectoryBundleSource;
import quantum.safety.testkit.ops.BundleFixture;

/** The testkit's bundle as a source the ops library reads, and a rule file promtool refuses. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The test bundle, copied into {@code dir}. */
    public static DirectoryBundleSource bundle(Path dir) {
        return new DirectoryBundleSource(BundleFixture.copyTo(dir));
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
