package quantum.safety.archive;

import java.time.Duration;

import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.UnifiedJedis;

/**
 * An archiver in a JVM of its own, for the tests that kill it: {@code ChildArchiver REDIS_PORT POSTGRES_URI BATCH},
 * password from PGPASSWORD.
 */
public final class ChildArchiver {

    private ChildArchiver() {
    }

    public static void main(String[] args) {
        PostgresTarget target = PostgresTarget.resolve(args[1], false, null, System.getenv());
        try (UnifiedJedis redis = Fixture.redis("127.0.0.1", Integer.parseInt(args[0])).open()) {
            new Archiver(redis, RedisSchema.legacy(), target, new ArchiveMetrics("child"), Integer.parseInt(args[2]),
                    Duration.ofMillis(200)).run();
        }
    }
}
