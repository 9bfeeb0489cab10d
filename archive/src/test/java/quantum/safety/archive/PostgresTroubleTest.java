package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.UnifiedJedis;

/** A refused login, told as such, with where the password came from and never the password, in the archive's log. */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class PostgresTroubleTest {

    @TempDir
    Path dir;

    @Test
    void eachPasswordSourceIsNamedWhenTheLoginIsRefused(TestPostgres postgres) throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "wrong-from-file\n");
        PostgresTarget fromEnv = PostgresTarget.resolve(postgres.uri() + "?sslmode=disable", false, null,
                Map.of("PGPASSWORD", "wrong-from-env"));
        PostgresTarget fromFile = PostgresTarget.resolve(postgres.uri() + "?sslmode=disable", false, file,
                Map.of("PGPASSWORD", "wrong-from-env"));

        assertThat(explainFailure(fromEnv)).contains("authentication failed for user " + postgres.user())
                .contains("(password from PGPASSWORD)").doesNotContain("wrong-from-env");
        assertThat(explainFailure(fromFile)).contains("(password from --archive.password-file " + file + ")")
                .doesNotContain("wrong-from-file");
    }

    @Test
    void theArchiveLogsARefusedLoginWithThePasswordSource(TestRedis redis, TestPostgres postgres) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Archiver.class);
        logger.addAppender(log);
        log.start();
        PostgresTarget target = PostgresTarget.resolve(postgres.uri() + "?sslmode=disable", false, null,
                Map.of("PGPASSWORD", "wrong-from-env"));
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, target,
                     new ArchiveMetrics("test"), 10))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> log.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("authentication failed")));
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("authentication failed")).first()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("(password from PGPASSWORD)")
                        .doesNotContain("wrong-from-env"));
    }

    private static String explainFailure(PostgresTarget target) {
        try (java.sql.Connection ignored = target.connect()) {
            throw new AssertionError("the login was accepted");
        } catch (java.sql.SQLException e) {
            return PostgresTrouble.explain(target, e);
        }
    }
}
