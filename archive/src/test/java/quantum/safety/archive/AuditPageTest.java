package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import at.favre.lib.crypto.bcrypt.BCrypt;
import quantum.safety.kernel.SafetyOperations;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import quantum.safety.web.audit.AuditSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * {@code /audit} on the archive's own listener: audited changes made through the kernel reach PostgreSQL through the
 * real archiver and come back as an escaped table or JSON, behind the web config's basic auth.
 */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class AuditPageTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"quotes\"";

    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void archivedEventsAreServedEscapedBehindTheWebConfigsAuth(TestRedis redis, TestPostgres postgres) throws Exception {
        Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  ops: "
                + BCrypt.withDefaults().hashToString(10, "s3cret".toCharArray()) + "\n");
        ArchiveConfig config = new ArchiveConfig(Fixture.redis(redis.host(), redis.port()), Fixture.SCHEMA,
                Fixture.target(postgres), 100, Duration.ofMillis(100), List.of("127.0.0.1:0"), Optional.of(web), "test");
        try (ArchiveServer server = ArchiveServer.start(config);
             UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Jedis jedis = redis.connect()) {
            SafetyOperations ops = new SafetyOperations(client, Fixture.SCHEMA);
            ops.engageKillSwitch("ops:alice", HOSTILE);
            ops.releaseKillSwitch("ops:alice", "drill over");
            jedis.xadd(Fixture.SCHEMA.faultStream(), XAddParams.xAddParams(), Map.of("reason",
                    "SYMBOL_RATE_EXCEEDED", "symbol", "<img src=x onerror=alert(1)>", "side", "BUY"));
            await().atMost(Duration.ofSeconds(30)).until(() -> server.metrics().events(ArchiveStream.AUDIT) == 2
                    && server.metrics().events(ArchiveStream.FAULT) == 1);
            String base = "http://127.0.0.1:" + server.addresses().get(0).getPort();
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/audit?since=24h"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/audit?since=24h"))
                    .header("Authorization", basic("ops", "s3cret")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> faults = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/audit?stream=fault&since=1h")).header("Authorization", basic("ops", "s3cret")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/audit?since=24h&format=json")).header("Authorization", basic("ops", "s3cret")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("2 events of the audit stream").contains("KILL_ON").contains("KILL_OFF")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                    .doesNotContain("<script>");
            assertThat(page.body().indexOf("KILL_OFF")).as("newest first").isLessThan(page.body().indexOf("KILL_ON"));
            assertThat(faults.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
            JsonNode events = new ObjectMapper().readTree(json.body()).get("events");
            assertThat(events).hasSize(2);
            assertThat(events.get(1).get("fields").get("reason").asText()).isEqualTo(HOSTILE);
            assertThat(events.get(1).get("fields").get("actor").asText()).isEqualTo("ops:alice");
        }
    }

    @Test
    void olderLinksWalkEntriesThatShareOneMillisecondToTheEnd(TestRedis redis, TestPostgres postgres)
            throws Exception {
        ArchiveConfig config = new ArchiveConfig(Fixture.redis(redis.host(), redis.port()), Fixture.SCHEMA,
                Fixture.target(postgres), 100, Duration.ofMillis(100), List.of("127.0.0.1:0"), Optional.empty(),
                "test");
        long millis = System.currentTimeMillis() - 60_000;
        try (ArchiveServer server = ArchiveServer.start(config); Jedis jedis = redis.connect()) {
            for (int seq = 0; seq < 3; seq++) {
                jedis.xadd(Fixture.SCHEMA.faultStream(), XAddParams.xAddParams().id(millis + "-" + seq),
                        Map.of("reason", "GLOBAL_RATE_EXCEEDED", "symbol", "S" + seq));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.metrics().events(ArchiveStream.FAULT) == 3);
            String base = "http://127.0.0.1:" + server.addresses().get(0).getPort() + "/";
            HttpClient http = HttpClient.newHttpClient();
            List<String> ids = new java.util.ArrayList<>();
            String next = "audit?stream=fault&since=1h&limit=2&format=json";
            while (next != null && ids.size() < 6) {
                JsonNode page = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + next))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                page.get("events").forEach(e -> ids.add(e.get("id").asText()));
                next = page.get("older").isNull() ? null : page.get("older").asText();
            }

            assertThat(ids).containsExactly(millis + "-2", millis + "-1", millis + "-0");
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsUnavailableNotEmpty(TestPostgres postgres) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PostgresTarget nowhere = PostgresTarget.resolve("postgresql://" + postgres.user() + "@127.0.0.1:" + closed
                + "/" + postgres.database() + "?sslmode=disable&connect_timeout=2", false, null,
                Map.of("PGPASSWORD", postgres.password()));

        assertThatThrownBy(() -> new ArchiveAuditSource(nowhere).newest("audit", 0, System.currentTimeMillis(),
                Optional.empty(), 10))
                .isInstanceOf(AuditSource.Unavailable.class).hasMessageContaining("127.0.0.1:" + closed)
                .hasMessageNotContaining(postgres.password());
    }
}
