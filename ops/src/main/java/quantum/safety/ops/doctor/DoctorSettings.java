package quantum.safety.ops.doctor;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import quantum.safety.kernel.RedisSchema;
import quantum.safety.ops.verify.VerifySettings;
import redis.clients.jedis.UnifiedJedis;

/**
 * What doctor looks at: an immutable snapshot built with {@link #builder()}. The files are optional: without them the
 * file sections say SKIPPED and why.
 *
 * @param redis      opens a client (closed by doctor)
 * @param redisWhere names Redis in evidence, without secrets
 */
public record DoctorSettings(VerifySettings verify, Optional<Path> prometheusConfig, Optional<Path> alertmanagerConfig,
                             Optional<Path> grafanaProvisioningDir, Optional<Path> grafanaDashboardsDir,
                             Optional<Path> backupDir, String promtool, String amtool,
                             Supplier<UnifiedJedis> redis, RedisSchema schema, String redisWhere) {

    /** Rejects settings without the integration or the Redis to examine, naming the missing part. */
    public DoctorSettings {
        if (verify == null) {
            throw new IllegalArgumentException("verify settings are missing; set DoctorSettings.builder().verify(settings)");
        }
        if (redis == null || redisWhere == null) {
            throw new IllegalArgumentException("Redis is missing; set DoctorSettings.builder().redis(client, where)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: no files (their sections are SKIPPED), tools from PATH, the legacy key schema. */
    public static final class Builder {
        private VerifySettings verify;
        private Path prometheusConfig;
        private Path alertmanagerConfig;
        private Path grafanaProvisioningDir;
        private Path grafanaDashboardsDir;
        private Path backupDir;
        private String promtool = "promtool";
        private String amtool = "amtool";
        private Supplier<UnifiedJedis> redis;
        private RedisSchema schema = RedisSchema.legacy();
        private String redisWhere;

        private Builder() {
        }

        public Builder verify(VerifySettings v) { verify = v; return this; }
        public Builder prometheusConfig(Path v) { prometheusConfig = v; return this; }
        public Builder alertmanagerConfig(Path v) { alertmanagerConfig = v; return this; }
        public Builder grafanaProvisioningDir(Path v) { grafanaProvisioningDir = v; return this; }
        public Builder grafanaDashboardsDir(Path v) { grafanaDashboardsDir = v; return this; }
        public Builder backupDir(Path v) { backupDir = v; return this; }
        public Builder promtool(String v) { promtool = v; return this; }
        public Builder amtool(String v) { amtool = v; return this; }
        public Builder schema(RedisSchema v) { schema = v; return this; }

        /** {@code client} opens a client that doctor closes; {@code where} names it in evidence, without secrets. */
        public Builder redis(Supplier<UnifiedJedis> client, String where) {
            redis = client;
            redisWhere = where;
            return this;
        }

        /** Builds the settings; throws {@link IllegalArgumentException} naming what is missing. */
        public DoctorSettings build() {
            return new DoctorSettings(verify, Optional.ofNullable(prometheusConfig), Optional.ofNullable(alertmanagerConfig),
                    Optional.ofNullable(grafanaProvisioningDir), Optional.ofNullable(grafanaDashboardsDir),
                    Optional.ofNullable(backupDir), promtool, amtool, redis, schema, redisWhere);
        }
    }
}
