package quantum.safety.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import picocli.CommandLine.Option;
import quantum.safety.cli.settings.SettingsFrom;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;
import quantum.safety.kernel.redis.RedisSetting;
import quantum.safety.kernel.settings.SettingEnv;

/**
 * How every command reaches Redis, with the settings of {@link RedisSetting}: flags win over env, the new env names
 * over the legacy ones; the password never comes from argv.
 */
@SettingsFrom(RedisSetting.class)
public final class RedisOptions {

    @Option(names = "--redis.addr", paramLabel = "URL")
    String addr;

    @Option(names = "--redis.user", paramLabel = "NAME")
    String user;

    @Option(names = "--redis.password-file", paramLabel = "FILE")
    Path passwordFile;

    @Option(names = "--redis.timeout", paramLabel = "DURATION", converter = DurationConverter.class)
    Duration timeout;

    @Option(names = "--redis.key-prefix", paramLabel = "PREFIX")
    String keyPrefix;

    /** The address from the flag, env or the legacy env; one the kernel refuses is a {@link UsageException}. */
    public RedisEndpoint endpoint() {
        RedisEndpoint endpoint;
        if (addr != null && !addr.isBlank()) {
            try {
                endpoint = RedisEndpoint.parse(addr);
            } catch (IllegalArgumentException e) {
                throw new UsageException(RedisSetting.ADDR.flag() + " (or env " + RedisSetting.ADDR.env() + "): "
                        + e.getMessage(), e);
            }
        } else {
            endpoint = legacyEndpoint();
        }
        if (user != null && !user.isBlank()) {
            endpoint = new RedisEndpoint(endpoint.topology(), endpoint.nodes(), Optional.of(user),
                    endpoint.database(), endpoint.tls(), endpoint.sentinelMaster());
        }
        return endpoint;
    }

    /** The password from the file or the env; a file that cannot be read is a {@link UsageException} naming it. */
    public RedisCredentials credentials() {
        if (passwordFile != null) {
            try {
                return RedisCredentials.fromFile(passwordFile);
            } catch (IllegalArgumentException e) {
                throw new UsageException(RedisSetting.PASSWORD_FILE.flag() + " (or env "
                        + RedisSetting.PASSWORD_FILE.env() + "): " + e.getMessage(), e);
            }
        }
        return RedisCredentials.ofPassword(SettingEnv.system().exact(RedisSetting.PASSWORD).map(SettingEnv.Value::text)
                .orElse(null));
    }

    /**
     * Where the password comes from, for messages (never the password itself): the env variable that holds it, or
     * {@code --redis.password-file} and the file; empty when none is given.
     */
    public Optional<String> passwordSource() {
        if (passwordFile != null) {
            return Optional.of(RedisSetting.PASSWORD_FILE.flag() + " " + passwordFile);
        }
        return SettingEnv.system().exact(RedisSetting.PASSWORD).map(value -> "env " + value.name());
    }

    /** The ACL user, from the flag or the address; empty for the default user. */
    public Optional<String> user() {
        try {
            return endpoint().user();
        } catch (UsageException e) {
            return Optional.empty();
        }
    }

    public RedisSchema schema() {
        try {
            return RedisSchema.withPrefix(keyPrefix);
        } catch (IllegalArgumentException e) {
            throw new UsageException(RedisSetting.KEY_PREFIX.flag() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The schema for the kernel's scripts (decisions, audited changes), which touch all their keys at once: on Redis
     * Cluster the prefix needs a hash tag, as the kernel requires, and one without is refused here as bad input.
     */
    public RedisSchema scriptSchema() {
        RedisSchema schema = schema();
        if (endpoint().topology() == RedisEndpoint.Topology.CLUSTER && !schema.hasHashTag()) {
            throw new UsageException(RedisSetting.KEY_PREFIX.flag() + "='" + schema.prefix() + "' (or env "
                    + RedisSetting.KEY_PREFIX.env() + ") has no hash tag; on Redis Cluster all kernel keys must share one slot: use e.g. {quantum}:");
        }
        return schema;
    }

    public Duration timeout() {
        return timeout;
    }

    /** A connector with the configured timeouts; the caller opens and closes the client. */
    public RedisConnector connector(String clientName) {
        return RedisConnector.to(endpoint(), credentials())
                .socketTimeout(timeout)
                .connectTimeout(timeout.compareTo(Duration.ofMillis(500)) < 0 ? timeout : Duration.ofMillis(500))
                .clientName(clientName);
    }

    /** The legacy way: {@link RedisSetting#LEGACY_HOST} and {@link RedisSetting#LEGACY_PORT}, each with its default. */
    private static RedisEndpoint legacyEndpoint() {
        SettingEnv env = SettingEnv.system();
        String host = env.value(RedisSetting.LEGACY_HOST).map(SettingEnv.Value::text)
                .orElseGet(() -> RedisSetting.LEGACY_HOST.setting().defaultValue().orElseThrow());
        String port = env.value(RedisSetting.LEGACY_PORT).map(SettingEnv.Value::text)
                .orElseGet(() -> RedisSetting.LEGACY_PORT.setting().defaultValue().orElseThrow());
        String names = RedisSetting.LEGACY_HOST.legacyEnv() + "/" + RedisSetting.LEGACY_PORT.legacyEnv();
        try {
            return RedisEndpoint.standalone(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new UsageException("env " + RedisSetting.LEGACY_PORT.legacyEnv() + "='" + port + "' is not a port "
                    + "number; set e.g. " + RedisSetting.LEGACY_PORT.legacyEnv() + "="
                    + RedisSetting.LEGACY_PORT.setting().defaultValue().orElseThrow() + ", or give the whole address with "
                    + RedisSetting.ADDR.flag() + " (env " + RedisSetting.ADDR.env() + ")");
        } catch (IllegalArgumentException e) {
            throw new UsageException("env " + names + ": " + e.getMessage() + "; fix them, or give the whole address "
                    + "with " + RedisSetting.ADDR.flag() + " (env " + RedisSetting.ADDR.env() + ")", e);
        }
    }
}
