package quantum.safety.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which install is the newest, when several installs fall in one second. */
class ManifestStoreTest {

    @TempDir
    Path tmp;

    @Test
    void aSequencedStampIsOlderThanTheNextSecondsStampThoughBothWereCreatedInOneSecond() {
        ManifestStore store = new ManifestStore(tmp);
        // the stamp is read at 04:06:39 (third install of that second), createdAt a moment later, at 04:06:40
        store.save(manifest("install_qs_20261202_040639_2", "2026-12-02T04:06:40"));
        store.save(manifest("install_qs_20261202_040640", "2026-12-02T04:06:40"));
        store.save(manifest("install_qs_20261202_040639", "2026-12-02T04:06:39"));

        assertThat(store.list()).extracting(Manifest::id).containsExactly("install_qs_20261202_040639",
                "install_qs_20261202_040639_2", "install_qs_20261202_040640");
        assertThat(store.latestActive()).get().extracting(Manifest::id).isEqualTo("install_qs_20261202_040640");
    }

    @Test
    void withinOneStampTheSequenceOrdersNumerically() {
        ManifestStore store = new ManifestStore(tmp);
        store.save(manifest("install_qs_20261202_040639_10", "2026-12-02T04:06:39"));
        store.save(manifest("install_qs_20261202_040639_2", "2026-12-02T04:06:39"));

        assertThat(store.list()).extracting(Manifest::id).containsExactly("install_qs_20261202_040639_2",
                "install_qs_20261202_040639_10");
    }

    private static Manifest manifest(String id, String createdAt) {
        return new Manifest(id, Manifest.KIND_INSTALL, "qs", createdAt, "/etc/prometheus/prometheus.yml", List.of(),
                List.of(), null);
    }
}
