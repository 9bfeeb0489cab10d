package quantum.safety.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisConnector;

/**
 * What a running archive needs, parsed and checked by the command line.
 *
 * @param redis          how to reach Redis (its socket timeout must exceed {@code block})
 * @param target         the PostgreSQL database
 * @param batchSize      most entries per stream in one transaction
 * @param block          how long a read waits for new entries
 * @param listenAddresses where {@code /metrics} and health are served
 * @param webConfigFile  TLS and basic auth of that endpoint
 * @param version        for {@code quantum_safety_archive_build_info}
 */
public record ArchiveConfig(RedisConnector redis, RedisSchema schema, PostgresTarget target, int batchSize,
                            Duration block, List<String> listenAddresses, Optional<Path> webConfigFile,
                            String version) {

    public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1:9107";
    /** The most entries one batch may take: the insert's arrays and the transaction stay small. */
    public static final int MAX_BATCH_SIZE = 10_000;

    public ArchiveConfig {
        listenAddresses = List.copyOf(listenAddresses);
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("--archive.batch-size=" + batchSize + " is out of range; use 1 to "
                    + MAX_BATCH_SIZE);
        }
        if (block.isNegative() || block.isZero() || block.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("--archive.block=" + block.toMillis() + "ms is out of range; use 10ms "
                    + "to 1m, e.g. 1s");
        }
    }
}
