package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import quantum.safety.process.ChildProcess;
import quantum.safety.process.LocalPostgres;
import quantum.safety.testkit.web.TestCertificates;

/** The archive's connection with sslmode verify-full against a PostgreSQL with ssl=on and a test CA. */
class TlsTest {

    private static Path dir;
    private static LocalPostgres postgres;
    private static TestCertificates.Pem server;
    private static TestCertificates.Pem stranger;

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        dir = Files.createTempDirectory("archive-tls-");
        server = TestCertificates.generate(dir, "postgres");
        stranger = TestCertificates.generate(dir, "stranger");
        postgres = LocalPostgres.create(Optional.empty());
        postgres.installFile(server.certFile(), "server.crt");
        postgres.installFile(server.keyFile(), "server.key");
        postgres.start(Map.of("ssl", "on", "ssl_cert_file", "server.crt", "ssl_key_file", "server.key"));
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
        ChildProcess.deleteQuietly(dir);
    }

    @Test
    void verifyFullWithTheServersCaConnectsOverTls() throws Exception {
        PostgresTarget target = target("verify-full", server.certFile());
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void verifyFullWithAnotherCaIsRefused() {
        PostgresTarget target = target("verify-full", stranger.certFile());
        assertThatThrownBy(target::connect).isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL");
    }

    @Test
    void aMissingRootCertificateFileIsBadInputNamingIt() {
        assertThatThrownBy(() -> target("verify-full", dir.resolve("missing.crt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslrootcert")
                .hasMessageContaining("missing.crt");
    }

    private static PostgresTarget target(String mode, Path rootCert) {
        return PostgresTarget.resolve("postgresql://" + LocalPostgres.USER + "@127.0.0.1:" + postgres.port()
                + "/postgres?sslmode=" + mode + "&sslrootcert=" + rootCert, true, null,
                Map.of("PGPASSWORD", postgres.userPassword()));
    }
}
