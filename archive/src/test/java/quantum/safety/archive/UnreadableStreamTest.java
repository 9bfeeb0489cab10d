package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XAddParams;

/**
 * A key of the wrong type under one stream's name (bad data in Redis): the other stream keeps being archived, Redis
 * still counts as up, the bad key is named, and the broken stream's lag is left out rather than shown as caught up.
 */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class UnreadableStreamTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aWrongTypedStreamKeyStopsOnlyItsOwnStream(TestRedis redis, TestPostgres postgres) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(UnreadableStreams.class);
        logger.addAppender(log);
        log.start();
        ArchiveConfig config = new ArchiveConfig(Fixture.redis(redis.host(), redis.port()), Fixture.SCHEMA,
                Fixture.target(postgres), 100, Duration.ofMillis(200), List.of("127.0.0.1:0"), Optional.empty(),
                "test");
        String faults = Fixture.SCHEMA.faultStream();
        try (Jedis jedis = redis.connect(); ArchiveServer server = ArchiveServer.start(config)) {
            jedis.set(faults, "not a stream");
            String base = "http://127.0.0.1:" + server.addresses().get(0).getPort();
            for (int i = 0; i < 3; i++) {
                jedis.xadd(Fixture.SCHEMA.auditStream(), XAddParams.xAddParams(), Fixture.audit(i));
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> server.metrics().events(ArchiveStream.AUDIT) == 3);
            // Idle now: the blocking wait over the readable stream still wakes for a new entry.
            jedis.xadd(Fixture.SCHEMA.auditStream(), XAddParams.xAddParams(), Fixture.audit(3));
            await().atMost(Duration.ofSeconds(30)).until(() -> server.metrics().events(ArchiveStream.AUDIT) == 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/metrics")
                    .contains("quantum_safety_archive_lag_events{stream=\"audit\"}"));
            String metrics = get(base + "/metrics");

            assertThat(server.metrics().redisUp()).isTrue();
            assertThat(metrics).contains("quantum_safety_archive_redis_up 1.0")
                    .contains("quantum_safety_archive_lag_events{stream=\"audit\"} 0.0")
                    .doesNotContain("quantum_safety_archive_lag_events{stream=\"fault\"}")
                    .doesNotContain("quantum_safety_archive_lag_seconds{stream=\"fault\"}");
            assertThat(redisErrors(metrics)).isPositive();
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("key " + faults + " is not a stream"))
                    .as("named once, not once per retry").hasSize(1);

            jedis.del(faults);
            Fixture.addFaults(jedis, 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> server.metrics().events(ArchiveStream.FAULT) == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/metrics")
                    .contains("quantum_safety_archive_lag_events{stream=\"fault\"} 0.0"));
        } finally {
            logger.detachAppender(log);
        }
        assertThat(Fixture.rows(postgres, "stream = 'audit'")).isEqualTo(4);
    }

    private static double redisErrors(String metrics) {
        Matcher m = Pattern.compile("quantum_safety_archive_errors_total\\{stage=\"redis\"} (\\S+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
