package quantum.safety.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code /audit} over real HTTP, on a source that holds its events in memory the way the archive's table answers
 * (a time range, newest first, a limit): escaping, paging, JSON, and the answers for bad input and a failing archive.
 */
class AuditPageHandlerTest {

    private static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

    private final List<AuditEntry> events = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<long[]> asked = new ArrayList<>();
    private HttpServer server;

    private final AuditSource source = new AuditSource() {
        @Override
        public List<AuditEntry> newest(String stream, long sinceMillis, long untilMillis, Optional<AuditCursor> before,
                                       int limit) {
            if (failure.get() != null) {
                throw failure.get();
            }
            asked.add(new long[] {sinceMillis, untilMillis, limit});
            return events.stream().filter(e -> e.stream().equals(stream))
                    .filter(e -> e.time().toEpochMilli() >= sinceMillis && e.time().toEpochMilli() < untilMillis)
                    .filter(e -> before.map(b -> b.admits(e.time().toEpochMilli(), sequence(e))).orElse(true))
                    .sorted(Comparator.comparing(AuditEntry::time).thenComparing(AuditPageHandlerTest::sequence)
                            .reversed()).limit(limit).toList();
        }

        @Override
        public long nowMillis() {
            return NOW;
        }
    };

    private static long sequence(AuditEntry e) {
        return Long.parseLong(e.id().substring(e.id().indexOf('-') + 1));
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", new AuditPageHandler(source));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static AuditEntry audit(long millis, int seq, Map<String, String> fields) {
        return new AuditEntry("audit", millis + "-" + seq, Instant.ofEpochMilli(millis), fields);
    }

    @Test
    void hostileFieldsAreEscapedInTheTableAndExactInTheJson() throws Exception {
        String hostile = "<script>alert('x')</script>\"&";
        events.add(audit(NOW - 60_000, 0, Map.of("event", "KILL_ON", "actor", hostile, "reason", "<b>why</b>",
                "note<img src=x>", "a\"b")));

        HttpResponse<String> html = get("/audit?since=24h");
        HttpResponse<String> json = get("/audit?since=24h&format=json");

        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(html.body()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;")
                .contains("&lt;b&gt;why&lt;/b&gt;").contains("note&lt;img src=x&gt;=a&quot;b")
                .doesNotContain("<script>").doesNotContain("<b>why").doesNotContain("<img");
        JsonNode event = new ObjectMapper().readTree(json.body()).get("events").get(0);
        assertThat(event.get("fields").get("actor").asText()).isEqualTo(hostile);
        assertThat(event.get("id").asText()).isEqualTo((NOW - 60_000) + "-0");
    }

    @Test
    void controlAndBidiCharactersAreShownEscapedNotRaw() throws Exception {
        events.add(audit(NOW - 60_000, 0, Map.of("event", "KILL_ON", "actor", "mallory\u202egnp.exe",
                "reason", "clear\u001b[2Jscreen", "note", "line\u2028break\u2066isolate")));

        String html = get("/audit?since=24h").body();
        String json = get("/audit?since=24h&format=json").body();

        assertThat(html).contains("mallory<span class=\"cc\">\\u202E</span>gnp.exe")
                .contains("clear<span class=\"cc\">\\u001B</span>[2Jscreen")
                .contains("line<span class=\"cc\">\\u2028</span>break<span class=\"cc\">\\u2066</span>isolate")
                .doesNotContain("\u202e").doesNotContain("\u001b").doesNotContain("\u2028").doesNotContain("\u2066");
        assertThat(json).contains("mallory\\u202Egnp.exe").contains("clear\\u001B[2Jscreen")
                .contains("line\\u2028break\\u2066isolate")
                .doesNotContain("\u202e").doesNotContain("\u001b").doesNotContain("\u2028");
        JsonNode fields = new ObjectMapper().readTree(json).get("events").get(0).get("fields");
        assertThat(fields.get("actor").asText()).as("the same value once parsed").isEqualTo("mallory\u202egnp.exe");
    }

    @Test
    void theDefaultIsTheLastDayOfTheAuditStreamAndFaultsAreTheirOwnStream() throws Exception {
        events.add(audit(NOW - 25 * 3_600_000L, 0, Map.of("event", "SAFE_MODE_ON", "actor", "yesterday-and-more")));
        events.add(audit(NOW - 3_600_000L, 0, Map.of("event", "SAFE_MODE_ON", "actor", "alice")));
        events.add(new AuditEntry("fault", (NOW - 1000) + "-0", Instant.ofEpochMilli(NOW - 1000),
                Map.of("reason", "GLOBAL_RATE_EXCEEDED", "symbol", "BTCUSDT")));

        String audit = get("/audit").body();
        String faults = get("/audit?stream=fault&since=1h").body();

        assertThat(audit).contains("alice").doesNotContain("yesterday-and-more").doesNotContain("BTCUSDT")
                .contains("1 event of the audit stream");
        assertThat(asked.get(0)[0]).isEqualTo(NOW - 24 * 3_600_000L);
        assertThat(faults).contains("BTCUSDT").contains("GLOBAL_RATE_EXCEEDED").doesNotContain("alice");
    }

    @Test
    void rowsAreBoundedAndTheOlderLinksWalkTheRangeWithoutLossOrRepeat() throws Exception {
        for (int i = 0; i < 250; i++) {
            // Two events share each of some milliseconds, as two kernels tripping together would.
            long millis = NOW - 3_600_000L + (i / 2) * 1000L;
            events.add(audit(millis, i % 2, Map.of("event", "TRIP", "actor", "kernel:k" + i)));
        }
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String next = "/audit?since=2h&limit=100&format=json";
        while (next != null) {
            JsonNode page = new ObjectMapper().readTree(get(next).body());
            page.get("events").forEach(e -> seen.add(e.get("fields").get("actor").asText()));
            assertThat(page.get("events").size()).isLessThanOrEqualTo(100);
            next = page.get("older").isNull() ? null : "/" + page.get("older").asText();
            pages++;
            assertThat(pages).isLessThan(10);
        }
        String firstHtml = get("/audit?since=2h&limit=100").body();
        Matcher older = Pattern.compile("id=\"older\" href=\"audit\\?([^\"]+)\"").matcher(firstHtml);

        assertThat(seen).hasSize(250);
        assertThat(pages).isBetween(3, 4);
        assertThat(firstHtml.split("<tr><td class=\"t\">", -1)).hasSize(101);
        assertThat(older.find()).isTrue();
        assertThat(older.group(1)).contains("until=").contains("&amp;before=").contains("&amp;limit=100");
    }

    @Test
    void morePagesOfOneMillisecondThanTheLimitAreWalkedToTheEnd() throws Exception {
        long millis = NOW - 60_000;
        for (int seq = 0; seq < 3; seq++) {
            events.add(audit(millis, seq, Map.of("event", "TRIP", "actor", "kernel:" + seq)));
        }
        List<String> json = new ArrayList<>();
        String next = "/audit?since=1h&limit=2&format=json";
        while (next != null && json.size() < 5) {
            JsonNode page = new ObjectMapper().readTree(get(next).body());
            page.get("events").forEach(e -> json.add(e.get("id").asText()));
            next = page.get("older").isNull() ? null : "/" + page.get("older").asText();
        }
        String firstHtml = get("/audit?since=1h&limit=2").body();
        Matcher older = Pattern.compile("id=\"older\" href=\"audit\\?([^\"]+)\"").matcher(firstHtml);
        assertThat(older.find()).isTrue();
        String secondHtml = get("/audit?" + older.group(1).replace("&amp;", "&")).body();

        assertThat(json).containsExactly(millis + "-2", millis + "-1", millis + "-0");
        assertThat(next).isNull();
        assertThat(secondHtml).contains("<code>" + millis + "-0").doesNotContain("<code>" + millis + "-1")
                .doesNotContain("id=\"older\"");
        assertThat(get("/audit?before=yesterday").body()).contains("before=yesterday is not a stream id");
    }

    @Test
    void nowAndNowMinusADurationBoundTheRangeAsBacktestWritesThem() throws Exception {
        events.add(audit(NOW - 2 * 3_600_000L, 0, Map.of("event", "KILL_ON", "actor", "two-hours-ago")));
        events.add(audit(NOW - 60_000L, 0, Map.of("event", "KILL_OFF", "actor", "a-minute-ago")));

        String page = get("/audit?since=now-3h&until=now-1h").body();
        String toNow = get("/audit?since=now-5m&until=now").body();

        assertThat(page).contains("two-hours-ago").doesNotContain("a-minute-ago");
        assertThat(toNow).contains("a-minute-ago").doesNotContain("two-hours-ago");
    }

    @Test
    void badParametersAnswer400WithTheFix() throws Exception {
        assertThat(get("/audit?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/audit?since=yesterday").body()).contains("since: &#39;yesterday&#39; is neither");
        assertThat(get("/audit?stream=orders").body()).contains("stream=orders is not audit or fault");
        assertThat(get("/audit?limit=100000&format=json").body()).contains("\"error\":\"limit must be a number from 1");
        assertThat(get("/audit?since=1h&until=2h").body()).contains("must be later than since");
        assertThat(get("/audit?since=%3Cscript%3E").body()).doesNotContain("<script>");
        assertThat(get("/audit?sinse=7d").statusCode()).isEqualTo(400);
        assertThat(get("/audit?sinse=7d").body()).contains("unknown parameter &#39;sinse&#39;; the page takes stream, "
                + "since, until, limit, format, before");
        assertThat(get("/audit?since=7d&since=1h&format=json").body()).contains("since is given more than once");
        assertThat(get("/audit?since=99999999999d").statusCode()).isEqualTo(400);
        assertThat(get("/audit?since=99999999999d").body())
                .contains("since: &#39;99999999999d&#39; reaches back before");
        assertThat(get("/audit?since=36500d&format=json").statusCode()).isEqualTo(400);
        assertThat(get("/audit?since=36500d&format=json").body()).contains("since: 876000h 0m 0s ago is before 1970");
        assertThat(get("/other").statusCode()).isEqualTo(404);
    }

    @Test
    void anArchiveThatCannotAnswerIs503AndNotAnEmptyTable() throws Exception {
        events.add(audit(NOW - 60_000, 0, Map.of("event", "KILL_ON")));
        failure.set(new AuditSource.Unavailable("PostgreSQL at 127.0.0.1:5432 refused the connection", null));

        HttpResponse<String> html = get("/audit");
        HttpResponse<String> json = get("/audit?format=json");

        assertThat(html.statusCode()).isEqualTo(503);
        assertThat(html.body()).contains("The archive could not be read: PostgreSQL at 127.0.0.1:5432 refused")
                .doesNotContain("no archived events");
        assertThat(json.statusCode()).isEqualTo(503);
        assertThat(json.body()).startsWith("{\"error\":");
        failure.set(new AuditSource.Unavailable("Connection to 127.0.0.1:5432 refused.", null));
        assertThat(get("/audit?format=json").body()).contains("refused. Nothing is shown").doesNotContain("..");
    }
}
