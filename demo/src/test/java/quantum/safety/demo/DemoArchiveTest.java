package quantum.safety.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.archive.ArchiveSchema;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.TestPostgres;

/** The demo runs the real audit archive: its trips and its kill switch drill reach PostgreSQL and the /audit page. */
class DemoArchiveTest {

    /** A trip 1.5 s in, the kill switch drill at 3.75 s. */
    private static final DemoSettings FAST = DemoSettings.builder().window(Duration.ofSeconds(1))
            .cooldown(Duration.ofSeconds(2)).globalMax(30).symbolMax(10).rate(6).threads(1).seed(7)
            .duration(Duration.ofSeconds(6)).statusEvery(Duration.ofMillis(500)).build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private static CompletableFuture<Void> demo(StringWriter out, DemoArchiveChoice archive) {
        return CompletableFuture.runAsync(() -> {
            try {
                Demo.run(FAST, DemoRedisChoice.local(DemoRedis.Server.AUTO), archive, "127.0.0.1:0",
                        new PrintWriter(out, true), false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aPrivatePostgresReceivesTheEventsAndTheAuditPageAndStatusPageShowThem() throws Exception {
        StringWriter out = new StringWriter();
        CompletableFuture<Void> run = demo(out, DemoArchiveChoice.local(Optional.empty()));

        Pattern auditUrl = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/audit\\?since=24h");
        await().atMost(Duration.ofSeconds(60)).until(() -> auditUrl.matcher(out.toString()).find());
        Matcher archive = auditUrl.matcher(out.toString());
        assertThat(archive.find()).isTrue();
        String base = archive.group(1);
        List<JsonNode> trips = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            new ObjectMapper().readTree(get(base + "/audit?stream=fault&format=json")).get("events").forEach(trips::add);
            return !trips.isEmpty();
        });
        Matcher exporter = Pattern.compile("Exporter  http://(localhost|127\\.0\\.0\\.1):(\\d+)/").matcher(out.toString());
        assertThat(exporter.find()).isTrue();
        String statusPage = get("http://127.0.0.1:" + exporter.group(2) + "/");
        run.get(60, TimeUnit.SECONDS);

        assertThat(trips.get(0).get("fields").get("reason").asText()).endsWith("_RATE_EXCEEDED");
        assertThat(statusPage).contains("href=\"" + base + "/audit?since=24h\"");
        assertThat(out.toString()).contains("  Archive   postgresql://quantum@127.0.0.1:")
                .contains("private to this run; stopped and removed on exit")
                .contains("ctl faults --since 1h --redis.addr=redis://127.0.0.1:")
                .contains("--archive.password-file=")
                .contains(", the private PostgreSQL and the private Redis (and their files) are gone");
        Matcher archived = Pattern.compile("archive: (\\d+) events were archived in PostgreSQL").matcher(out.toString());
        assertThat(archived.find()).isTrue();
        assertThat(Long.parseLong(archived.group(1))).isPositive();
        Matcher pg = Pattern.compile("postgresql://quantum@127\\.0\\.0\\.1:(\\d+)/").matcher(out.toString());
        assertThat(pg.find()).isTrue();
        int pgPort = Integer.parseInt(pg.group(1));
        assertThatThrownBy(() -> new Socket("127.0.0.1", pgPort).close()).as("the private PostgreSQL is stopped")
                .isInstanceOf(IOException.class);
    }

    @Test
    @ExtendWith(PostgresExtension.class)
    void anExistingDatabaseKeepsTheTripsAndTheAuditedDrill(TestPostgres postgres) throws Exception {
        Path password = Files.writeString(dir.resolve("pg.pw"), postgres.password() + "\n");
        StringWriter out = new StringWriter();

        demo(out, DemoArchiveChoice.existing(postgres.uri() + "?sslmode=disable", true, Optional.of(password)))
                .get(90, TimeUnit.SECONDS);

        assertThat(out.toString()).contains("an existing database, given by --archive.url; left running")
                .doesNotContain(postgres.password());
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "stream = 'fault'")).isPositive();
            assertThat(count(s, "stream = 'audit' AND kind = 'TRIP'")).isPositive();
            assertThat(count(s, "stream = 'audit' AND actor = 'demo' AND kind IN ('KILL_ON', 'KILL_OFF')"))
                    .isEqualTo(2);
        }
    }

    @Test
    @ExtendWith(PostgresExtension.class)
    void anExistingDatabaseThatRefusesTheLoginIsSaidOnceAndTheDemoGoesOnWithoutIt(TestPostgres postgres)
            throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.pw"), "not-the-password\n");
        StringWriter out = new StringWriter();

        demo(out, DemoArchiveChoice.existing(postgres.uri() + "?sslmode=disable", true, Optional.of(wrong)))
                .get(90, TimeUnit.SECONDS);

        assertThat(out.toString()).contains("  Archive   off: the database of --archive.url cannot be used (")
                .contains("authentication failed for user " + postgres.user())
                .contains("password from --archive.password-file " + wrong).contains("demo stopped")
                .doesNotContain("/audit?since=24h").doesNotContain("not-the-password");
    }

    @Test
    void offRunsTheDemoWithoutTheArchiveAndSaysSo() throws Exception {
        StringWriter out = new StringWriter();

        demo(out, DemoArchiveChoice.off()).get(60, TimeUnit.SECONDS);

        assertThat(out.toString()).contains("  Archive   off (--archive.server=off)").contains("demo stopped")
                .doesNotContain("/audit?since=24h");
    }

    private static long count(Statement s, String where) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + ArchiveSchema.EVENTS + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
