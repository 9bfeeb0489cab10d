package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import at.favre.lib.crypto.bcrypt.BCrypt;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.exporter.TestExporters;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.RequiresTools;
import quantum.safety.testkit.TestRedis;
import quantum.safety.testkit.web.TestCertificates;

/** Real HTTPS requests against the exporter configured by a web-config file. */
@ExtendWith(RedisExtension.class)
class TlsAndBasicAuthTest {

    @TempDir
    Path dir;

    private static HttpResponse<String> get(SSLContext ssl, String url, String user, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ExporterServer start(TestRedis redis, String yaml) throws IOException {
        Path web = dir.resolve("web.yml");
        Files.writeString(web, yaml);
        return TestExporters.start(redis.host(), redis.port(), b -> b.webConfigFile(web));
    }

    @Test
    void httpsWithBasicAuthAcceptsTheRightPasswordAndAnswers401ToTheWrongOne(TestRedis redis) throws Exception {
        TestCertificates.Pem server = TestCertificates.generate(dir, "server");
        String hash = BCrypt.withDefaults().hashToString(10, "scrape-me".toCharArray());
        try (ExporterServer exporter = start(redis, """
                tls_server_config:
                  cert_file: server-cert.pem
                  key_file: server-key.pem
                basic_auth_users:
                  prometheus: '%s'
                """.formatted(hash))) {
            SSLContext ssl = TestCertificates.clientContext(server, null);
            String url = "https://127.0.0.1:" + exporter.port() + "/metrics";

            HttpResponse<String> ok = get(ssl, url, "prometheus", "scrape-me");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("quantum_safety_redis_up 1.0");
            assertThat(get(ssl, url, "prometheus", "scrape-me").statusCode()).isEqualTo(200);

            HttpResponse<String> wrong = get(ssl, url, "prometheus", "guess");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic"));
            assertThat(get(ssl, url, null, null).statusCode()).isEqualTo(401);
            assertThat(get(ssl, "https://127.0.0.1:" + exporter.port() + "/-/healthy", "nobody", "x").statusCode())
                    .isEqualTo(401);

            // Plain HTTP to the TLS port gets no metrics.
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + exporter.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void requiredClientCertificatesAreVerifiedAgainstTheClientCa(TestRedis redis) throws Exception {
        TestCertificates.Pem server = TestCertificates.generate(dir, "server");
        TestCertificates.Pem client = TestCertificates.generate(dir, "client");
        TestCertificates.Pem stranger = TestCertificates.generate(dir, "stranger");
        try (ExporterServer exporter = start(redis, """
                tls_server_config:
                  cert_file: server-cert.pem
                  key_file: server-key.pem
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: client-cert.pem
                  min_version: TLS12
                """)) {
            String url = "https://127.0.0.1:" + exporter.port() + "/metrics";
            assertThat(get(TestCertificates.clientContext(server, client), url, null, null).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> get(TestCertificates.clientContext(server, null), url, null, null))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> get(TestCertificates.clientContext(server, stranger), url, null, null))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    @RequiresTools("openssl")
    void anRsaKeyInTraditionalPkcs1FormAsOpensslWritesItWorks(TestRedis redis) throws Exception {
        TestCertificates.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", dir.resolve("pkcs8.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1");
        TestCertificates.run("openssl", "rsa", "-traditional", "-in", dir.resolve("pkcs8.pem").toString(),
                "-out", dir.resolve("key.pem").toString());
        assertThat(Files.readString(dir.resolve("key.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        try (ExporterServer exporter = start(redis, "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n")) {
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (var in = Files.newInputStream(dir.resolve("cert.pem"))) {
                trust.setCertificateEntry("server",
                        java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            assertThat(get(ssl, "https://127.0.0.1:" + exporter.port() + "/-/healthy", null, null).statusCode())
                    .isEqualTo(200);
        }
    }
}
