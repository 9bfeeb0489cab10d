package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.backup.WritableCheck;
import quantum.safety.ops.event.OpsListener;

/**
 * A config folder install cannot write into is found before anything changes. Tests run as root, for whom a
 * mode-555 folder is still writable (and {@link Files#isWritable} says true), so the read-only case is made real
 * with a read-only bind mount when the test may mount (root on Linux), else with chmod 555 as a normal user;
 * where neither is possible the test is skipped with the reason. The folder-is-a-file and missing-parent cases
 * need no privilege and always run.
 */
class ReadOnlyConfigDirTest {

    @TempDir
    Path tmp;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aReadOnlyConfigFolderIsRefusedBeforeAnythingChanges() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("etc-prometheus"));
        Files.writeString(source.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path readOnly = makeReadOnly(source);
        List<Path> before = list(source);

        assertThatThrownBy(() -> new Installer(InstallRequest.builder()
                .prometheusConfig(readOnly.resolve("prometheus.yml")).rulesDir(readOnly.resolve("rules"))
                .bundle(Fixtures.bundle(tmp.resolve("bundle"))).build(), OpsListener.ignoring()).install())
                .isInstanceOf(OpsInputException.class)
                .hasMessageContaining("cannot write in " + readOnly)
                .hasMessageContaining("nothing was changed");
        assertThat(list(source)).isEqualTo(before);
    }

    @Test
    void aRulesDirThatIsAFileOrHasNoParentIsBadInput() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        InstallRequest.Builder base = InstallRequest.builder().prometheusConfig(config)
                .bundle(Fixtures.bundle(tmp.resolve("bundle")));

        assertThatThrownBy(() -> new Installer(base.rulesDir(file).build(), OpsListener.ignoring()).install())
                .isInstanceOf(OpsInputException.class).hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> WritableCheck.requireWritableDir("--prometheus.rules-dir", file.resolve("rules")))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> new Installer(base.rulesDir(tmp.resolve("rules")).prometheusConfig(tmp.resolve("missing.yml"))
                .build(), OpsListener.ignoring()).install())
                .isInstanceOf(OpsInputException.class).hasMessageStartingWith("--prometheus.config " + tmp.resolve("missing.yml")
                        + ": no such file");
        assertThat(Files.readString(config)).isEqualTo("scrape_configs: []\n");
    }

    private Path makeReadOnly(Path source) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("r-xr-xr-x"));
            return source;
        }
        Path target = Files.createDirectories(tmp.resolve("ro-mount"));
        int bind = run("mount", "--bind", source.toString(), target.toString());
        assumeTrue(bind == 0, "root without mount privilege: cannot make a read-only folder here");
        mounted = target;
        assumeTrue(run("mount", "-o", "remount,bind,ro", target.toString()) == 0, "cannot remount read-only");
        return target;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }
}
