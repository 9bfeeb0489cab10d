package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import quantum.safety.process.ChildProcess;
import quantum.safety.testkit.PostgresExtension;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestPostgres;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/** A crash between insert and acknowledgement loses nothing and duplicates nothing. */
@ExtendWith({RedisExtension.class, PostgresExtension.class})
class CrashTest {

    private static final int EVENTS = 20_000;
    private static final int KILLS = 6;

    @Test
    void anArchiverKilledAtRandomMomentsOfABackfillLeavesExactlyTheStreamInTheTable(TestRedis redis,
            TestPostgres postgres) throws Exception {
        try (Jedis jedis = redis.connect()) {
            Pipeline pipe = jedis.pipelined();
            for (int i = 0; i < EVENTS; i++) {
                pipe.xadd(Fixture.SCHEMA.faultStream(), XAddParams.xAddParams(), Fixture.fault(i));
            }
            pipe.sync();
        }
        ArchiveSchema.migrate(Fixture.target(postgres));
        Path logs = Files.createTempDirectory("archive-crash-");
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        for (int kill = 0; kill < KILLS; kill++) {
            ChildProcess child = start(redis, postgres, logs.resolve("child-" + kill + ".log"));
            try {
                long before = Fixture.rows(postgres, "");
                long target = Math.min(EVENTS - 1, before + 1 + random.nextInt(EVENTS / KILLS));
                await().atMost(Duration.ofSeconds(120)).until(() -> !child.isAlive()
                        || Fixture.rows(postgres, "") >= target);
                assertThat(child.isAlive()).as("child %d alive (seed %d): %s", kill, seed, child.tail()).isTrue();
            } finally {
                // SIGKILL: the crash under test, at whatever moment of a batch the child is in
                child.kill();
            }
        }
        ChildProcess last = start(redis, postgres, logs.resolve("child-last.log"));
        try (Jedis jedis = redis.connect()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> Fixture.rows(postgres, "") == EVENTS
                    && jedis.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal() == 0);
            List<StreamId> inStream = Fixture.streamIds(jedis, Fixture.SCHEMA.faultStream());
            assertThat(Fixture.ids(postgres, ArchiveStream.FAULT)).as("seed %d", seed).isEqualTo(inStream);
        } finally {
            last.stop(Duration.ofSeconds(30));
            ChildProcess.deleteQuietly(logs);
        }
        try (Connection c = postgres.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) - count(DISTINCT (id_ms, id_seq)) FROM " + ArchiveSchema.EVENTS)) {
            rs.next();
            assertThat(rs.getLong(1)).as("duplicates").isZero();
        }
    }

    @Test
    void aBatchCommittedButNotAcknowledgedIsReadAgainByTheNextArchiverAndNotStoredTwice(TestRedis redis,
            TestPostgres postgres) throws Exception {
        PostgresTarget target = Fixture.target(postgres);
        List<StreamId> ids;
        try (Jedis jedis = redis.connect()) {
            ids = Fixture.addFaults(jedis, 30);
        }
        ArchiveSchema.migrate(target);
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             EventStore store = new EventStore(target)) {
            StreamReader reader = new StreamReader(new StreamGroup(client, ArchiveStream.FAULT,
                    Fixture.SCHEMA.faultStream()), new ArchiveMetrics("first"));
            StreamReader.Read read = reader.next(20, store);
            assertThat(read.ids()).hasSize(20);
            store.write(read.events());
            // the crash: committed, never acknowledged
            assertThat(client.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal()).isEqualTo(20);
        }
        assertThat(Fixture.rows(postgres, "")).isEqualTo(20);

        ArchiveMetrics metrics = new ArchiveMetrics("second");
        try (UnifiedJedis client = Fixture.redis(redis.host(), redis.port()).open();
             Fixture.Running running = new Fixture.Running(Fixture.archiver(client, target, metrics, 7))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.rows(postgres, "") == 30
                    && client.xpending(Fixture.SCHEMA.faultStream(), StreamGroup.GROUP).getTotal() == 0);
        }
        assertThat(metrics.events(ArchiveStream.FAULT)).as("rows this instance added").isEqualTo(10);
        assertThat(Fixture.ids(postgres, ArchiveStream.FAULT)).isEqualTo(ids);
    }

    private static ChildProcess start(TestRedis redis, TestPostgres postgres, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), ChildArchiver.class.getName(),
                String.valueOf(redis.port()), postgres.uri() + "?sslmode=disable", "250")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PGPASSWORD", postgres.password());
        return ChildProcess.start("archiver", builder, ChildProcess.Output.of(log, 20));
    }
}
