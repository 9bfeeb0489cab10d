package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import at.favre.lib.crypto.bcrypt.BCrypt;
import quantum.safety.exporter.ExporterServer;
import quantum.safety.exporter.Http;
import quantum.safety.exporter.Seed;
import quantum.safety.exporter.TestExporters;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/** The status page at / over plain HTTP: content, escaping, Redis down, bad data, basic auth. */
@ExtendWith(RedisExtension.class)
class LandingPageTest {

    @TempDir
    Path dir;

    @Test
    void theStatusPageShowsTheSafetyStateAndIsSelfContained(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            jedis.set(Seed.SCHEMA.safeMode(), "1");
            jedis.set(Seed.SCHEMA.killSwitch(), "1");
            jedis.set(Seed.SCHEMA.executionMode(), "TESTNET");
        }
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            HttpResponse<String> page = Http.get("http://127.0.0.1:" + server.port() + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body())
                    .contains("<meta name=\"viewport\"").contains("<meta http-equiv=\"refresh\" content=\"5\">")
                    .contains("SAFE MODE ON").contains("latched: stays on until an operator clears it")
                    .contains("set by hand").contains("KILL SWITCH ENGAGED").contains("TESTNET")
                    .contains("0.1.0-test (git abc1234)")
                    .contains("<a href=\"metrics\">")
                    .doesNotContain("http://", "https://", "<script", "<link");
        }
    }

    @Test
    void valuesFromRedisAreHtmlEscaped(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            // The test exporter's clock is fixed, and the page shows the window of that time.
            long bucket = RedisSchema.bucket(TestExporters.NOW_MILLIS / 1000, 10);
            jedis.zadd(Seed.SCHEMA.symbolRanking(bucket), 3, "<script>alert(1)</script>");
            jedis.set(Seed.SCHEMA.globalRate(bucket), "3");
            jedis.xadd(Seed.SCHEMA.faultStream(), StreamEntryID.NEW_ENTRY, Map.of("reason", "<b>R</b>",
                    "symbol", "\"'&<img src=x onerror=alert(1)>"));
            jedis.set(Seed.SCHEMA.safeMode(), "1");
            jedis.hset(Seed.SCHEMA.safeModeInfo(), Map.of("set_by", "<i>eve</i>", "reason", "</td><script>x</script>",
                    "set_at", "1768784108", "source", "manual"));
        }
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            String body = Http.get("http://127.0.0.1:" + server.port() + "/").body();
            assertThat(body).doesNotContain("<script", "<img", "<i>eve", "<b>R")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;i&gt;eve&lt;/i&gt;")
                    .contains("&quot;&#39;&amp;&lt;img src=x onerror=alert(1)&gt;");
        }
    }

    @Test
    void redisDownGivesAClearBannerAnd200NotA500() throws Exception {
        try (ExporterServer server = TestExporters.start("127.0.0.1", LocalRedis.freePort())) {
            HttpResponse<String> page = Http.get("http://127.0.0.1:" + server.port() + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Redis unreachable").contains("SAFE MODE and the kill switch are unknown");
            assertThat(Http.get("http://127.0.0.1:" + server.port() + "/").statusCode()).isEqualTo(200);
            assertThat(Http.get("http://127.0.0.1:" + server.port() + "/nope").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void wrongTypesAndGarbageAreListedAsProblems(TestRedis redis) {
        try (Jedis jedis = redis.connect()) {
            jedis.hset(Seed.SCHEMA.safeMode(), "a", "b");
            jedis.set(Seed.SCHEMA.faultStream(), "not a stream");
            jedis.set(Seed.SCHEMA.killSwitch(), "maybe");
            jedis.hset(Seed.SCHEMA.decisionCounters(), "OK", "NaNx");
        }
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            HttpResponse<String> page = Http.get("http://127.0.0.1:" + server.port() + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            // Both flags block in the kernel, so the page says so, with why, instead of "unknown".
            assertThat(page.body()).contains("SAFE MODE ON").contains("KILL SWITCH ENGAGED")
                    .contains("on (holds a hash, not a string; only absent or 0 is off)")
                    .contains("on (holds &#39;maybe&#39;, which is not 0 or 1; only absent or 0 is off)")
                    .contains("Problems with the data in Redis").contains("WRONGTYPE").contains("unreadable")
                    .doesNotContain("SAFE MODE unknown");
        }
    }

    @Test
    void theStatusPageIsBehindTheSameBasicAuthAsMetrics(TestRedis redis) throws Exception {
        String hash = BCrypt.withDefaults().hashToString(10, "s3cret".toCharArray());
        Path web = dir.resolve("web.yml");
        Files.writeString(web, "basic_auth_users:\n  ops: " + hash + "\n");
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port(), b -> b.webConfigFile(web))) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("ops", "nope"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> right = client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("ops", "s3cret"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("SAFE MODE");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("SAFE MODE OFF");
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
