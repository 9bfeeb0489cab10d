package quantum.safety.cli;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.Option;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.kernel.redis.RedisConnector;
import quantum.safety.kernel.redis.RedisCredentials;
import quantum.safety.kernel.redis.RedisEndpoint;

/**
 * How every command reaches Redis. Flags win over env; the new env names win over the legacy ones
 * ({@code REDIS_HOST}, {@code REDIS_PORT}, {@code REDIS_PASSWORD}); the password never comes from argv.
 */
public final class RedisOptions {

    @Option(names = "--redis.addr", paramLabel = "URL",
            defaultValue = "${env:QUANTUM_SAFETY_REDIS_ADDR}",
            description = {"Redis address: redis://host:port[/db], rediss:// (TLS), "
                    + "redis+sentinel://host:26379[,host…]/master, redis+cluster://host:port[,host…].",
                    "Env: QUANTUM_SAFETY_REDIS_ADDR; else legacy REDIS_HOST/REDIS_PORT; default redis://127.0.0.1:6379.",
                    "Example: --redis.addr=redis+sentinel://10.0.0.1:26379,10.0.0.2:26379/trading"})
    String addr;

    @Option(names = "--redis.user", paramLabel = "NAME",
            defaultValue = "${env:QUANTUM_SAFETY_REDIS_USER}",
            description = "Redis ACL user (overrides a user in the address). Env: QUANTUM_SAFETY_REDIS_USER.")
    String user;

    @Option(names = "--redis.password-file", paramLabel = "FILE",
            defaultValue = "${env:QUANTUM_SAFETY_REDIS_PASSWORD_FILE}",
            description = {"File holding the Redis password. Env: QUANTUM_SAFETY_REDIS_PASSWORD_FILE.",
                    "Without it the password comes from env QUANTUM_SAFETY_REDIS_PASSWORD or legacy REDIS_PASSWORD; "
                            + "there is deliberately no flag that takes the password itself."})
    Path passwordFile;

    @Option(names = "--redis.timeout", paramLabel = "DURATION",
            defaultValue = "${env:QUANTUM_SAFETY_REDIS_TIMEOUT:-1s}", converter = DurationConverter.class,
            description = "Socket timeout of one Redis call, e.g. 500ms or 2s. Env: QUANTUM_SAFETY_REDIS_TIMEOUT. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--redis.key-prefix", paramLabel = "PREFIX",
            defaultValue = "${env:QUANTUM_SAFETY_KEY_PREFIX:-quantum:}",
            description = {"Prefix of every key. The default gives the legacy key names; on Redis Cluster use a hash "
                    + "tag such as {quantum}: so one decision's keys share a slot.",
                    "Env: QUANTUM_SAFETY_KEY_PREFIX. Default: ${DEFAULT-VALUE}"})
    String keyPrefix;

    /** The address from the flag, env or the legacy env; one the kernel refuses is a {@link UsageException}. */
    public RedisEndpoint endpoint() {
        RedisEndpoint endpoint;
        if (addr != null && !addr.isBlank()) {
            try {
                endpoint = RedisEndpoint.parse(addr);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--redis.addr (or env QUANTUM_SAFETY_REDIS_ADDR): " + e.getMessage(), e);
            }
        } else {
            String host = envOr("REDIS_HOST", "127.0.0.1");
            String port = envOr("REDIS_PORT", "6379");
            try {
                endpoint = RedisEndpoint.standalone(host, Integer.parseInt(port.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("REDIS_PORT='" + port + "' is not a port number; set e.g. REDIS_PORT=6379");
            } catch (IllegalArgumentException e) {
                throw new UsageException("env REDIS_HOST/REDIS_PORT: " + e.getMessage(), e);
            }
        }
        if (user != null && !user.isBlank()) {
            endpoint = new RedisEndpoint(endpoint.topology(), endpoint.nodes(), java.util.Optional.of(user),
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
                throw new UsageException("--redis.password-file: " + e.getMessage(), e);
            }
        }
        String password = System.getenv("QUANTUM_SAFETY_REDIS_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = System.getenv("REDIS_PASSWORD");
        }
        return RedisCredentials.ofPassword(password);
    }

    public RedisSchema schema() {
        try {
            return RedisSchema.withPrefix(keyPrefix);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--redis.key-prefix: " + e.getMessage(), e);
        }
    }

    /**
     * The schema for the kernel's scripts (decisions, audited changes), which touch all their keys at once: on Redis
     * Cluster the prefix needs a hash tag, as the kernel requires, and one without is refused here as bad input.
     */
    public RedisSchema scriptSchema() {
        RedisSchema schema = schema();
        if (endpoint().topology() == RedisEndpoint.Topology.CLUSTER && !schema.hasHashTag()) {
            throw new UsageException("--redis.key-prefix='" + schema.prefix() + "' (or env QUANTUM_SAFETY_KEY_PREFIX) "
                    + "has no hash tag; on Redis Cluster all kernel keys must share one slot: use e.g. {quantum}:");
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

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
