package quantum.safety.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {

    @Test
    void listsEveryFileOfTheSourceFoldersAndNothingElse() throws IOException {
        List<String> onDisk;
        // the test runs in the module directory, where the folders live
        try (Stream<Path> files = Bundle.FOLDERS.stream().map(Path::of).flatMap(BundleTest::walk)) {
            onDisk = files.filter(Files::isRegularFile).map(p -> p.toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(onDisk).isNotEmpty();
        assertThat(Bundle.list()).containsExactlyElementsOf(onDisk);
    }

    @Test
    void namedFilesExistAndTheRuleTestsAreListedByFolder() {
        assertThat(Bundle.list()).contains(Bundle.SCRAPE_JOB, Bundle.PROMETHEUS_CONFIG, Bundle.ALERT_RULES,
                Bundle.RECORDING_RULES, Bundle.ALERTMANAGER_CONFIG, Bundle.DASHBOARD, Bundle.DASHBOARD_PROVISIONING,
                Bundle.SYSTEMD_UNIT, Bundle.SYSTEMD_ENV, Bundle.SYSTEMD_KERNEL_UNIT, Bundle.SYSTEMD_KERNEL_ENV,
                Bundle.SYSTEMD_ARCHIVE_UNIT, Bundle.SYSTEMD_ARCHIVE_ENV);
        assertThat(Bundle.list(Bundle.RULE_TESTS)).isNotEmpty().allMatch(p -> p.endsWith("_test.yml"));
    }

    @Test
    void readsAFileAsText() {
        assertThat(Bundle.read(Bundle.ALERT_RULES)).contains("- name: quantum_safety");
    }

    @Test
    void anUnknownFileIsAnErrorThatListsTheKnownOnes() {
        assertThatThrownBy(() -> Bundle.open("prometheus/nope.yml"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("prometheus/nope.yml").hasMessageContaining(Bundle.ALERT_RULES);
    }

    @Test
    void refusesPathsThatLeaveTheBundle() {
        assertThatThrownBy(() -> Bundle.open("../../../logback.xml")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bundle.open("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesTheBundleWithItsLayout(@TempDir Path dir) throws IOException {
        Bundle.copyTo(dir);
        for (String path : Bundle.list()) {
            assertThat(dir.resolve(path)).exists();
        }
        assertThat(Files.readString(dir.resolve(Bundle.DASHBOARD))).isEqualTo(Bundle.read(Bundle.DASHBOARD));
    }

    /** The runnable jar is how the bundle reaches production: list it from inside a jar, as there. */
    @Test
    void listsTheBundleFromInsideAJar(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("bundle.jar");
        Path classes = Path.of("target/classes");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> entries = Files.walk(classes)) {
            for (Path p : entries.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> bundle = loader.loadClass(Bundle.class.getName());
            assertThat(bundle.getClassLoader()).isSameAs(loader);
            Object listed = bundle.getMethod("list").invoke(null);
            assertThat(listed).isEqualTo(Bundle.list());
        }
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
