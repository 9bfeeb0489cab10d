package quantum.safety.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void replacesTheFileKeepingItsModeAndLeavesNoTemporaryFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("prometheus.yml"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        AtomicFiles.write(file, "new".getBytes());

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aCreatedFileIsReadableByPrometheusRunningAsItsOwnUser() throws Exception {
        Path file = tmp.resolve("rules.yml");
        AtomicFiles.write(file, "groups: []\n".getBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aBackupIsByteIdentical() throws Exception {
        byte[] bytes = {0, 1, (byte) 0xff, '\r', '\n'};
        Path file = Files.write(tmp.resolve("a"), bytes);
        AtomicFiles.backup(file, tmp.resolve("a.backup_qs_20260101_000000"));
        assertThat(Files.readAllBytes(tmp.resolve("a.backup_qs_20260101_000000"))).isEqualTo(bytes);
        assertThat(AtomicFiles.sha256(tmp.resolve("a.backup_qs_20260101_000000"))).isEqualTo(AtomicFiles.sha256(bytes));
    }
}
