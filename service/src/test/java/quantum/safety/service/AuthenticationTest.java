package quantum.safety.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import at.favre.lib.crypto.bcrypt.BCrypt;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import quantum.safety.testkit.web.TestCertificates;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/** Basic auth on every path; the audited operations only for an identified caller, who becomes the audit's actor. */
@ExtendWith(RedisExtension.class)
class AuthenticationTest {

    private static final String HASH = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());

    @TempDir
    Path dir;

    @Test
    void withBasicAuthEveryPathNeedsTheRightPassword(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> { },
                s -> s.webConfigFile(webConfig("basic_auth_users:\n  alice: " + HASH + "\n")))) {
            for (String path : List.of("/v1/decide", "/metrics", "/-/ready", "/-/healthy")) {
                HttpResponse<String> anonymous = path.startsWith("/v1") ? service.post(path, "{}") : service.get(path);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("www-authenticate")).as(path)
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"quantum-safety\""));
            }
            assertThat(post(service, "/v1/decide", "{\"symbol\":\"A\",\"side\":\"BUY\"}", "alice", "wrong").statusCode())
                    .isEqualTo(401);
            assertThat(post(service, "/v1/decide", "{\"symbol\":\"A\",\"side\":\"BUY\"}", "mallory", "s3cret")
                    .statusCode()).isEqualTo(401);
            HttpResponse<String> allowed = post(service, "/v1/decide", "{\"symbol\":\"A\",\"side\":\"BUY\"}", "alice",
                    "s3cret");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).contains("\"reason\":\"OK\"");
        }
    }

    @Test
    void operationsAreRefusedWhenNoCallerCanBeIdentified(TestRedis redis) {
        try (RunningService service = RunningService.start(redis.host(), redis.port());
             Jedis jedis = redis.connect()) {
            HttpResponse<String> response = service.post("/v1/kill-switch", "{\"engaged\":true,\"reason\":\"test\"}");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("basic_auth_users");
            assertThat(jedis.exists("quantum:kill")).isFalse();
        }
    }

    @Test
    void anAuthenticatedOperatorChangesFlagsAndIsTheActorOfTheAuditEvent(TestRedis redis) throws IOException {
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> { },
                s -> s.webConfigFile(webConfig("basic_auth_users:\n  alice: " + HASH + "\n")));
             Jedis jedis = redis.connect()) {
            HttpResponse<String> on = post(service, "/v1/safe-mode",
                    "{\"engaged\":true,\"ttl_seconds\":600,\"reason\":\"maintenance\"}", "alice", "s3cret");
            assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
            assertThat(on.body()).contains("\"operation\":\"safe_mode_on\"", "\"changed\":true", "\"actor\":\"alice\"",
                    "\"audit_lost\":false");
            assertThat(jedis.get("quantum:safety:safe_mode")).isEqualTo("1");
            assertThat(jedis.ttl("quantum:safety:safe_mode")).isBetween(590L, 600L);

            assertThat(post(service, "/v1/kill-switch", "{\"engaged\":true,\"reason\":\"incident 7\"}", "alice",
                    "s3cret").statusCode()).isEqualTo(200);
            assertThat(jedis.get("quantum:kill")).isEqualTo("1");
            assertThat(post(service, "/v1/safe-mode", "{\"engaged\":false,\"reason\":\"done\"}", "alice", "s3cret")
                    .statusCode()).isEqualTo(200);
            assertThat(jedis.exists("quantum:safety:safe_mode")).isFalse();

            List<StreamEntry> audit = jedis.xrange("quantum:stream:safety.audit", (StreamEntryID) null, null);
            assertThat(audit).extracting(e -> e.getFields().get("actor")).containsOnly("alice");
            assertThat(audit).extracting(e -> e.getFields().get("reason"))
                    .containsExactly("maintenance", "incident 7", "done");
        }
    }

    @Test
    void aBadOperationIsRefusedAndChangesNothing(TestRedis redis) {
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> { },
                s -> s.webConfigFile(webConfig("basic_auth_users:\n  alice: " + HASH + "\n")));
             Jedis jedis = redis.connect()) {
            assertThat(post(service, "/v1/safe-mode", "{\"engaged\":true,\"reason\":\"x\"}", "alice", "s3cret").body())
                    .contains("give either ttl_seconds");
            assertThat(post(service, "/v1/kill-switch", "{\"engaged\":true}", "alice", "s3cret").body())
                    .contains("\\\"reason\\\" is required");
            assertThat(post(service, "/v1/kill-switch", "{\"engaged\":true,\"reason\":\"x\",\"actor\":\"bob\"}", "alice",
                    "s3cret").statusCode()).isEqualTo(400);
            assertThat(jedis.exists("quantum:kill", "quantum:safety:safe_mode", "quantum:stream:safety.audit"))
                    .isZero();
        }
    }

    @Test
    void aVerifiedClientCertificateNamesTheActor(TestRedis redis) throws Exception {
        TestCertificates.Pem server = TestCertificates.generate(dir, "server");
        TestCertificates.Pem client = TestCertificates.generate(dir, "desk-7");
        Path config = webConfig("tls_server_config:\n  cert_file: " + server.certFile() + "\n  key_file: "
                + server.keyFile() + "\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: "
                + client.certFile() + "\n");
        try (RunningService service = RunningService.start(redis.host(), redis.port(), k -> { },
                s -> s.webConfigFile(config));
             Jedis jedis = redis.connect()) {
            SSLContext tls = TestCertificates.clientContext(server, client);
            HttpClient https = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
            String url = "https://127.0.0.1:" + service.service().port();
            HttpResponse<String> decided = https.send(HttpRequest.newBuilder(URI.create(url + "/v1/decide"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"A\",\"side\":\"BUY\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(decided.statusCode()).isEqualTo(200);
            HttpResponse<String> kill = https.send(HttpRequest.newBuilder(URI.create(url + "/v1/kill-switch"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"engaged\":true,\"reason\":\"drill\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(kill.body()).contains("\"actor\":\"desk-7\"");
            assertThat(jedis.xrange("quantum:stream:safety.audit", (StreamEntryID) null, null).get(0).getFields())
                    .containsEntry("actor", "desk-7");
        }
    }

    private Path webConfig(String yaml) {
        try {
            Path file = dir.resolve("web-" + System.nanoTime() + ".yml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> post(RunningService service, String path, String body, String user,
                                             String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return RunningService.send(HttpRequest.newBuilder(URI.create(service.url(path)))
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
