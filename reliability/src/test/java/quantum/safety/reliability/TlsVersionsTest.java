package quantum.safety.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RequiresTools;

/**
 * Which TLS versions the exporter accepts, probed with {@code openssl s_client}: the JDK's own client will not even
 * offer TLS 1.1 (it is in {@code jdk.tls.disabledAlgorithms}), so a Java client cannot show that the server refuses it.
 */
@Tag("reliability")
@RequiresTools("openssl")
class TlsVersionsTest {

    @TempDir
    Path dir;

    @Test
    void tls11IsRefusedAndMinVersionIsHonoured() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
        try (LocalRedis redis = LocalRedis.start()) {
            String defaults;
            try (ExporterServer exporter = tlsExporter(redis, "")) {
                assertThat(handshake(exporter, "-tls1_1")).isFalse();
                assertThat(handshake(exporter, "-tls1")).isFalse();
                assertThat(handshake(exporter, "-tls1_2")).isTrue();
                assertThat(handshake(exporter, "-tls1_3")).isTrue();
                defaults = "TLS 1.0 refused, 1.1 refused, 1.2 accepted, 1.3 accepted";
            }
            try (ExporterServer exporter = tlsExporter(redis, "  min_version: TLS13\n")) {
                assertThat(handshake(exporter, "-tls1_2")).isFalse();
                assertThat(handshake(exporter, "-tls1_3")).isTrue();
            }
            Results.record(new Results.Row("5.4", "TLS versions offered by `openssl s_client` (default web config; "
                    + "then min_version: TLS13)", "TLS 1.2 and 1.3 only by default; min_version honoured",
                    "n/a", "n/a", "n/a", "n/a",
                    "pass: " + defaults + "; with min_version TLS13: 1.2 refused, 1.3 accepted"));
        }
    }

    private ExporterServer tlsExporter(LocalRedis redis, String extra) throws IOException {
        Path web = dir.resolve("web-" + System.nanoTime() + ".yml");
        Files.writeString(web, "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n" + extra);
        return Fixtures.exporter(redis.uri(), b -> b.webConfigFile(web));
    }

    /** True when a handshake with only this protocol version completes. */
    private static boolean handshake(ExporterServer exporter, String version) throws Exception {
        // SECLEVEL=0 so that OpenSSL 3 itself is willing to offer TLS 1.0/1.1; the server must be the one refusing.
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + exporter.port(),
                version));
        if (!version.equals("-tls1_3")) {
            cmd.addAll(List.of("-cipher", "DEFAULT@SECLEVEL=0"));
        }
        ChildProcess.Completed r = run(cmd.toArray(String[]::new));
        return r.exitCode() == 0 && r.output().contains("Cipher is") && !r.output().contains("Cipher is (NONE)");
    }

    private static ChildProcess.Completed run(String... command) throws Exception {
        ChildProcess.Completed run = ChildProcess.run(List.of(command), Duration.ofSeconds(30));
        if (run.timedOut()) {
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return run;
    }
}
