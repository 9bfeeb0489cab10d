package quantum.safety.ops.doctor;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.ops.verify.VerifySettings;
import redis.clients.jedis.UnifiedJedis;

/**
 * What doctor looks at. The files are optional: without them the file sections say SKIPPED and why.
 * {@code redis} opens a client (closed by doctor); {@code redisWhere} names it in evidence, without secrets.
 */
public record DoctorSettings(VerifySettings verify, Optional<Path> prometheusConfig, Optional<Path> alertmanagerConfig,
                             Optional<Path> grafanaProvisioningDir, Optional<Path> grafanaDashboardsDir,
                             Optional<Path> backupDir, String promtool, String amtool,
                             Supplier<UnifiedJedis> redis, RedisSchema schema, String redisWhere) {
}
