package quantum.safety.archive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.testkit.TestPostgres;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/** What the archive tests share: connections to the test's Redis and database, entries written, rows counted. */
final class Fixture {

    static final RedisSchema SCHEMA = RedisSchema.legacy();

    private Fixture() {
    }

    /** The test database as the archive reaches it: URL from the environment, password from PGPASSWORD. */
    static PostgresTarget target(TestPostgres postgres) {
        return PostgresTarget.resolve(postgres.uri() + "?sslmode=disable", false, null,
                Map.of("PGPASSWORD", postgres.password()));
    }

    static RedisConnector redis(String host, int port) {
        return RedisConnector.to(RedisEndpoint.standalone(host, port), RedisCredentials.none())
                .socketTimeout(Duration.ofSeconds(3));
    }

    static Archiver archiver(redis.clients.jedis.UnifiedJedis redis, PostgresTarget target, ArchiveMetrics metrics,
                             int batch) {
        return new Archiver(redis, SCHEMA, target, metrics, batch, Duration.ofMillis(200));
    }

    /** A fault as the kernel writes it. */
    static Map<String, String> fault(int n) {
        return Map.of("timestamp", "1768784108", "reason", "global_rate_exceeded", "symbol", "SYM" + (n % 7),
                "side", "buy", "kernel_id", "k1", "global_count", String.valueOf(n));
    }

    /** An audit event as the kernel writes it. */
    static Map<String, String> audit(int n) {
        return Map.of("event", "KILL_ON", "actor", "ops:alice", "reason", "drill " + n, "timestamp", "1768784108");
    }

    /** Appends {@code count} faults with no trimming; returns their ids in order. */
    static List<StreamId> addFaults(Jedis jedis, int count) {
        List<StreamId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StreamEntryID id = jedis.xadd(SCHEMA.faultStream(), XAddParams.xAddParams(), fault(i));
            ids.add(new StreamId(id.getTime(), id.getSequence()));
        }
        return ids;
    }

    static long rows(TestPostgres postgres, String where) throws SQLException {
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + ArchiveSchema.EVENTS
                     + (where.isEmpty() ? "" : " WHERE " + where))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The archived ids of a stream, oldest first. */
    static List<StreamId> ids(TestPostgres postgres, ArchiveStream stream) throws SQLException {
        List<StreamId> ids = new ArrayList<>();
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id_ms, id_seq FROM " + ArchiveSchema.EVENTS + " WHERE stream = '"
                     + stream.label() + "' ORDER BY id_ms, id_seq")) {
            while (rs.next()) {
                ids.add(new StreamId(rs.getLong(1), rs.getLong(2)));
            }
        }
        return ids;
    }

    /** Every id in a stream, oldest first. */
    static List<StreamId> streamIds(Jedis jedis, String key) {
        List<StreamId> ids = new ArrayList<>();
        String start = "-";
        while (true) {
            var page = jedis.xrange(key, start, "+", 10_000);
            for (var entry : page) {
                ids.add(new StreamId(entry.getID().getTime(), entry.getID().getSequence()));
            }
            if (page.size() < 10_000) {
                return ids;
            }
            start = "(" + page.get(page.size() - 1).getID();
        }
    }

    /** Runs an archiver on its own thread; closing stops it and waits for the batch in hand. */
    static final class Running implements AutoCloseable {
        final Archiver archiver;
        final Thread thread;

        Running(Archiver archiver) {
            this.archiver = archiver;
            this.thread = new Thread(archiver, "test-archiver");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            archiver.stop();
            thread.join(60_000);
        }
    }
}
