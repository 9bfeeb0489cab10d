package quantum.safety.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import at.favre.lib.crypto.bcrypt.BCrypt;
import quantum.safety.testkit.web.TestCertificates;

class WebConfigParserTest {

    private static final String HASH = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("web.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private void assertRejected(String yaml, String... mentions) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> WebConfigParser.parse(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("web config " + file + ": ")
                .hasMessageContainingAll(mentions)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anEmptyFileMeansPlainHttpWithoutAuth() throws IOException {
        assertThat(WebConfigParser.parse(write(""))).isEqualTo(WebConfig.none());
    }

    @Test
    void theExporterToolkitFormatWithPathsRelativeToTheFile() throws IOException {
        WebConfig config = WebConfigParser.parse(write("""
                tls_server_config:
                  cert_file: certs/server.pem
                  key_file: /etc/keys/server.key
                  min_version: TLS13
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.pem
                http_server_config:
                  http2: true
                  headers:
                    X-Frame-Options: deny
                basic_auth_users:
                  prometheus: '%s'
                """.formatted(HASH)));
        WebConfig.Tls tls = config.tls().orElseThrow();
        assertThat(tls.certFile()).isEqualTo(dir.resolve("certs/server.pem"));
        assertThat(tls.keyFile()).isEqualTo(Path.of("/etc/keys/server.key"));
        assertThat(tls.minVersion()).isEqualTo("TLSv1.3");
        assertThat(tls.maxVersion()).isEqualTo("TLSv1.3");
        assertThat(tls.clientAuth()).isEqualTo(WebConfig.ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT);
        assertThat(tls.clientCaFile()).contains(dir.resolve("ca.pem"));
        assertThat(config.basicAuthUsers()).containsEntry("prometheus", HASH);
        assertThat(config.headers()).containsEntry("X-Frame-Options", "deny");
    }

    @Test
    void mistakesAreOneLineNamingTheKeyAndTheFix() throws IOException {
        assertRejected("tls_server_config:\n  key_file: k.pem\n", "cert_file is missing");
        assertRejected("tls_server_config:\n  cert_file: c.pem\n", "key_file is missing");
        assertRejected("tls_server_config:\n  cert_file: c\n  key_file: k\n  min_version: TLS14\n",
                "min_version 'TLS14'", "TLS12");
        assertRejected("tls_server_config:\n  cert_file: c\n  key_file: k\n  client_auth_type: RequireAndVerifyClientCert\n",
                "needs tls_server_config.client_ca_file");
        assertRejected("tls_server_config:\n  cert_file: c\n  key_file: k\n  client_ca_file: ca\n",
                "client_ca_file is set but client_auth_type is NoClientCert");
        assertRejected("tls_server_config:\n  cert_file: c\n  key_file: k\n  client_auth_type: RequestClientCert\n",
                "not supported");
        assertRejected("tls_server_config:\n  cert_file: c\n  key_file: k\n  curve_preferences: [X25519]\n",
                "curve_preferences is not supported");
        assertRejected("basic_auth_users:\n  prometheus: plaintext-password\n",
                "basic_auth_users.prometheus is not a bcrypt hash", "htpasswd");
        assertRejected("tls_config:\n  cert_file: c\n", "unknown key tls_config", "tls_server_config");
        assertRejected("http_server_config:\n  headers:\n    Set-Cookie: x\n", "Set-Cookie is not allowed");
        assertRejected("basic_auth_users: [a, b]\n", "basic_auth_users must be a mapping");
        assertRejected("tls_server_config: {cert_file: c\n", "not valid YAML at line");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yml");
        assertThatThrownBy(() -> WebConfigParser.parse(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("cannot read");
    }

    @Test
    void theYamlErrorNeverQuotesTheFile() throws IOException {
        Path file = write("basic_auth_users:\n  prometheus: '" + HASH + "\n  other: [\n");
        assertThatThrownBy(() -> WebConfigParser.parse(file)).hasMessageNotContaining(HASH.substring(7));
    }

    @Test
    void badCertificateAndKeyFilesAreNamedAtStartup() throws Exception {
        Path notPem = dir.resolve("server.pem");
        Files.writeString(notPem, "hello");
        TestCertificates.Pem good = TestCertificates.generate(dir, "server");
        WebConfig.Tls badCert = new WebConfig.Tls(notPem, good.keyFile(), "TLSv1.2", "TLSv1.3",
                WebConfig.ClientAuth.NO_CLIENT_CERT, java.util.Optional.empty(), java.util.List.of(), true);
        assertThatThrownBy(() -> TlsServerContext.of(badCert, dir.resolve("web.yml")))
                .hasMessageContaining("cert_file " + notPem).hasMessageContaining("no certificate");
        TestCertificates.Pem other = TestCertificates.generate(dir, "other");
        WebConfig.Tls mismatch = new WebConfig.Tls(good.certFile(), other.keyFile(), "TLSv1.2", "TLSv1.3",
                WebConfig.ClientAuth.NO_CLIENT_CERT, java.util.Optional.empty(), java.util.List.of(), true);
        assertThatThrownBy(() -> TlsServerContext.of(mismatch, dir.resolve("web.yml")))
                .hasMessageContaining("does not match");
    }
}
