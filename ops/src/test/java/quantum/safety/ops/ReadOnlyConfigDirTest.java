package quantum.safety.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.backup.WritableCheck;
import quantum.safety.ops.bundle.DirectoryBundleSource;
import quantum.safety.ops.event.OpsListener;

/**
 * A folder install cannot write into is found before anything changes.
 *
 * <p>Tests and CI run as root, whom a mode-555 folder does not stop (and for whom {@link Files#isWritable} says
 * true), so the unwritable folder here is one that refuses new files to every user, root included: {@code /proc},
 * whose file system creates no files (creating one fails with "No such file or directory"). It holds regular,
 * readable files such as {@code /proc/version}, so it can stand for a config folder. The refusal must come from the
 * probe file then, which is the check a mode-555 folder needs for root as well; as a normal user the folder is not
 * writable to begin with. The cases run as root and as a normal user alike, with no mount and no privilege.
 */
class ReadOnlyConfigDirTest {

    /** A folder no process can create a file in. */
    private static final Path NO_NEW_FILES = Path.of("/proc");

    @TempDir
    Path tmp;

    @BeforeAll
    static void procfsIsThere() {
        assumeTrue(Files.isRegularFile(NO_NEW_FILES.resolve("version")), "needs Linux /proc (CI runs on Debian)");
    }

    @Test
    void theFolderTheseTestsUseRefusesNewFilesToRootToo() {
        if ("root".equals(System.getProperty("user.name"))) {
            // What chmod 555 would give root: the permission check passes, so only the probe can tell.
            assertThat(Files.isWritable(NO_NEW_FILES)).isTrue();
        }
        assertThatThrownBy(() -> Files.createTempFile(NO_NEW_FILES, "probe-", ".tmp")).isInstanceOf(IOException.class);
    }

    @Test
    void aConfigFolderInstallCannotWriteIsRefusedBeforeAnythingChanges() throws Exception {
        Path config = NO_NEW_FILES.resolve("version");
        Path rules = tmp.resolve("rules");
        DirectoryBundleSource bundle = Fixtures.bundle(tmp.resolve("bundle"));
        List<Path> before = list(tmp);

        assertThatThrownBy(() -> install(config, rules, bundle))
                .isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--prometheus.config's folder " + NO_NEW_FILES)
                .hasMessageContaining("cannot write in " + NO_NEW_FILES)
                .hasMessageContaining("nothing was changed");
        assertThat(list(tmp)).isEqualTo(before);
        assertThat(rules).doesNotExist();
    }

    @Test
    void aRulesFolderInstallCannotWriteIsRefusedBeforeTheConfigOrAnythingElseChanges() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("etc-prometheus"));
        Path config = Files.writeString(source.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path rules = NO_NEW_FILES.resolve("quantum-safety-rules");
        DirectoryBundleSource bundle = Fixtures.bundle(tmp.resolve("bundle"));
        List<Path> before = list(tmp);

        assertThatThrownBy(() -> install(config, rules, bundle))
                .isInstanceOf(OpsInputException.class)
                .hasMessageStartingWith("--prometheus.rules-dir " + rules)
                .hasMessageContaining("cannot write in " + NO_NEW_FILES)
                .hasMessageContaining("nothing was changed");
        // The config folder was writable: it is untouched all the same, with no backup and no temporary file.
        assertThat(list(tmp)).isEqualTo(before);
        assertThat(Files.readString(config)).isEqualTo("scrape_configs: []\n");
    }

    private static void install(Path config, Path rules, DirectoryBundleSource bundle) {
        new Installer(InstallRequest.builder().prometheusConfig(config).rulesDir(rules).bundle(bundle).build(),
                OpsListener.ignoring()).install();
    }

    @Test
    void aRulesDirThatIsAFileOrHasNoParentIsBadInput() throws Exception {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "scrape_configs: []\n");
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        InstallRequest.Builder base = InstallRequest.builder().prometheusConfig(config)
                .bundle(Fixtures.bundle(tmp.resolve("bundle")));

        assertThatThrownBy(() -> new Installer(base.rulesDir(file).build(), OpsListener.ignoring()).install())
                .isInstanceOf(OpsInputException.class).hasMessageContaining("is a file, not a folder");
        // A folder under a regular file can never be made (mkdir fails with ENOTDIR, for root too).
        assertThatThrownBy(() -> WritableCheck.requireWritableDir("--prometheus.rules-dir", file.resolve("rules")))
                .isInstanceOf(OpsInputException.class).hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> new Installer(base.rulesDir(tmp.resolve("rules")).prometheusConfig(tmp.resolve("missing.yml"))
                .build(), OpsListener.ignoring()).install())
                .isInstanceOf(OpsInputException.class).hasMessageStartingWith("--prometheus.config " + tmp.resolve("missing.yml")
                        + ": no such file");
        assertThat(Files.readString(config)).isEqualTo("scrape_configs: []\n");
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }
}
