package quantum.safety.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.exporter.ExporterServer;
import quantum.safety.exporter.TestExporters;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;

/** The status page's link to the audit archive's last 24 hours, or the line that says the archive is not configured. */
@ExtendWith(RedisExtension.class)
class StatusPageAuditTrailTest {

    private final TestRedis redis;

    StatusPageAuditTrailTest(TestRedis redis) {
        this.redis = redis;
    }

    private String page(ExporterServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void withAnArchiveUrlThePageLinksToTheLastDayOfAuditEvents() throws Exception {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port(),
                b -> b.archiveUrl("https://archive.example.com:9107/quantum/"))) {
            assertThat(page(server)).contains("<section id=\"audit-trail\">")
                    .contains("<a href=\"https://archive.example.com:9107/quantum/audit?since=24h\">"
                            + "Audit trail — last 24 hours</a>")
                    .doesNotContain("not configured");
        }
    }

    @Test
    void withoutOneThePageSaysTheArchiveIsNotConfiguredAndNamesTheSetting() throws Exception {
        try (ExporterServer server = TestExporters.start(redis.host(), redis.port())) {
            assertThat(page(server)).contains("The audit archive is not configured")
                    .contains("--web.archive-url (env QUANTUM_SAFETY_WEB_ARCHIVE_URL)")
                    .doesNotContain("/audit?since=24h");
        }
    }

    @Test
    void theLinkIsShownWhileRedisIsDownToo() throws Exception {
        try (ExporterServer server = TestExporters.start("127.0.0.1", 1, b -> b.archiveUrl("http://10.0.0.7:9107"))) {
            assertThat(page(server)).contains("Redis unreachable").contains("href=\"http://10.0.0.7:9107/audit?since=24h\"");
        }
    }

    @Test
    void urlCharactersThatMeanSomethingInHtmlAreEscaped() {
        StringBuilder b = new StringBuilder();
        AuditTrailSection.render(b, java.util.Optional.of(URI.create("https://archive.example.com/a'b&c")));
        assertThat(b.toString()).contains("href=\"https://archive.example.com/a&#39;b&amp;c/audit?since=24h\"")
                .doesNotContain("a'b");
    }
}
