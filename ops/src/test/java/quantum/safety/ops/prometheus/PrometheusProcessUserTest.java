package quantum.safety.ops.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.ops.OpsInputException;
import quantum.safety.process.ChildProcess;

/**
 * The user Prometheus runs as, from a {@code /proc} laid out as Linux lays it out, and a read tried as that user: the
 * remote-write files are refused when Prometheus could not read them, and only then.
 */
class PrometheusProcessUserTest {

    /** nobody: a user that owns nothing here. */
    private static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    private Path process(String pid, Path cwd, String... argv) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("proc").resolve(pid));
        Files.write(dir.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(dir.resolve("cwd"), cwd);
        Files.writeString(dir.resolve("status"), "Name:\tprometheus\nUid:\t108\t108\t108\t108\nGid:\t116\t117\t116\t116\n"
                + "Groups:\t116 4 \n");
        return dir;
    }

    @Test
    void findsThePrometheusRunningThisConfigWhateverTheSpellingOfTheFlag() throws IOException {
        Path etc = Files.createDirectories(tmp.resolve("etc/prometheus"));
        Path config = Files.writeString(etc.resolve("prometheus.yml"), "global: {}\n");
        Path other = Files.writeString(etc.resolve("other.yml"), "global: {}\n");
        process("100", tmp, "/usr/bin/prometheus", "--config.file=" + other);
        process("200", tmp, "/usr/bin/node_exporter", "--config.file=" + config);
        process("300", etc, "/usr/bin/prometheus", "--config.file", "prometheus.yml", "--web.enable-lifecycle");

        Optional<PrometheusProcessUser> found = PrometheusProcessUser.running(tmp.resolve("proc"), config);

        assertThat(found).contains(new PrometheusProcessUser(300, 108, 117, List.of(116, 4)));
        assertThat(PrometheusProcessUser.running(tmp.resolve("proc"), etc.resolve("missing.yml"))).isEmpty();
        assertThat(PrometheusProcessUser.running(tmp.resolve("no-proc"), config)).isEmpty();
    }

    @Test
    void aFileOnlyRootCanReadIsRefusedForAPrometheusRunningAsAnotherUser() throws IOException {
        assumeTrue(ChildProcess.onPath("setpriv").isPresent(), "setpriv (util-linux) is not installed");
        Path dir = Files.createDirectories(tmp.resolve("secrets"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path password = Files.writeString(dir.resolve("password"), "s3cr3t\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        PrometheusProcessUser nobody = new PrometheusProcessUser(1, NOBODY, NOBODY, List.of());
        Optional<Boolean> asNobody = nobody.canRead(password);
        assumeTrue(asNobody.isPresent(), "not root: a read as another user cannot be tried");
        RemoteWrite remoteWrite = new RemoteWriteInput().url("https://m.example.com/api/v1/push").username("u")
                .passwordFile(password.toString()).build().orElseThrow();

        assertThat(asNobody).contains(false);
        assertThatThrownBy(() -> RemoteWriteFiles.check(remoteWrite, Optional.of(nobody)))
                .isInstanceOf(OpsInputException.class)
                .hasMessage("--remote-write.password-file " + password + ": the user Prometheus runs as (uid 65534, "
                        + "gid 65534 (process 1)) cannot read it; give it to that user (e.g. chown prometheus, chmod "
                        + "0400) or its group, with every folder above it searchable, then run install again");

        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(nobody.canRead(password)).contains(true);
        RemoteWriteFiles.check(remoteWrite, Optional.of(nobody));
        assertThat(new PrometheusProcessUser(1, 0, 0, List.of()).canRead(password)).as("root reads anything")
                .contains(true);
    }
}
