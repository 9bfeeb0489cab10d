package quantum.safety.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.OpsInputException;

class BackupStampTest {

    @TempDir
    Path tmp;

    @Test
    void namesBackupsLikeTheLegacyProcedureAndNeverOverwritesOne() throws Exception {
        BackupStamp stamp = new BackupStamp("p12", LocalDateTime.of(2026, 1, 19, 3, 44, 18, 999));
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "x");
        Path first = stamp.backupPathFor(config);
        assertThat(first.getFileName().toString()).isEqualTo("prometheus.yml.backup_p12_20260119_034418");
        Files.writeString(first, "x");
        assertThat(stamp.backupPathFor(config).getFileName().toString()).isEqualTo("prometheus.yml.backup_p12_20260119_034418_2");
    }

    @Test
    void findsTheOriginalOfABackupIncludingLegacyTagsWithUnderscores() {
        assertThat(BackupStamp.originalOf(Path.of("/etc/prometheus/prometheus.yml.backup_p12_20260119_034418")))
                .contains(Path.of("/etc/prometheus/prometheus.yml"));
        assertThat(BackupStamp.originalOf(Path.of("/x/main.py.backup_p1_2_1_20260119_030400_2"))).contains(Path.of("/x/main.py"));
        assertThat(BackupStamp.originalOf(Path.of("/x/prometheus.yml"))).isEmpty();
    }

    @Test
    void aTagThatWouldMakeNamesAmbiguousIsBadInput() {
        assertThatThrownBy(() -> new BackupStamp("p1_2", LocalDateTime.now())).isInstanceOf(OpsInputException.class)
                .hasMessageContaining("--backup.tag");
    }
}
