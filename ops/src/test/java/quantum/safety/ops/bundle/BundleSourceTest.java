package quantum.safety.ops.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.OpsInputException;
import quantum.safety.testkit.ops.BundleFixture;

class BundleSourceTest {

    @TempDir
    Path tmp;

    @Test
    void classpathAndDirectorySourcesServeTheSameFiles() {
        BundleSource classpath = new ClasspathBundleSource(getClass().getClassLoader(), BundleFixture.RESOURCES);
        BundleSource directory = new DirectoryBundleSource(BundleFixture.copyTo(tmp));
        for (String path : new String[] {BundlePaths.SCRAPE_JOB, BundlePaths.ALERT_RULES, BundlePaths.DASHBOARD}) {
            assertThat(directory.require(path)).isEqualTo(classpath.require(path));
        }
    }

    @Test
    void theTestBundleHasEveryFileOfTheBundle() {
        List<String> every = new ArrayList<>(List.of(BundlePaths.SCRAPE_JOB, BundlePaths.ALERT_RULES,
                BundlePaths.RECORDING_RULES, BundlePaths.ALERTMANAGER, BundlePaths.DASHBOARD,
                BundlePaths.DASHBOARD_PROVISIONING));
        every.addAll(BundlePaths.ALERTMANAGER_TEMPLATES);
        assertThat(BundleFixture.FILES).containsExactlyInAnyOrderElementsOf(every);
    }

    @Test
    void thePackagedBundleHasTheTemplatesItsAlertmanagerConfigLoads() {
        for (String template : BundlePaths.ALERTMANAGER_TEMPLATES) {
            assertThat(ClasspathBundleSource.packaged().read(template)).as(template).isPresent();
            assertThat(BundlePaths.relativeToAlertmanagerConfig(template)).startsWith("templates/");
        }
    }

    @Test
    void aMissingFileNamesTheSourceAndTheFix() {
        BundleSource empty = new ClasspathBundleSource(getClass().getClassLoader(), "no/such/bundle/");
        assertThat(empty.read(BundlePaths.SCRAPE_JOB)).isEmpty();
        assertThatThrownBy(() -> empty.require(BundlePaths.SCRAPE_JOB)).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("prometheus/scrape-job.yml").hasMessageContaining("--bundle.dir");
        assertThatThrownBy(() -> new DirectoryBundleSource(tmp.resolve("missing"))).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("--bundle.dir");
    }
}
