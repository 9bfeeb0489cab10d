package quantum.safety.testkit;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import quantum.safety.process.LocalRedis;
import redis.clients.jedis.Jedis;

/**
 * Gives each test a real, empty Redis.
 *
 * <p>Use {@code @ExtendWith(RedisExtension.class)} and take a {@link TestRedis} parameter (constructor, lifecycle
 * or test method). The server is shared by all tests of one JVM and flushed before each test. Where it comes from,
 * in order:
 * <ol>
 *   <li>{@code QUANTUM_SAFETY_TEST_REDIS=redis://host:port} — an existing server (it gets FLUSHALL'd!);</li>
 *   <li>{@code QUANTUM_SAFETY_TEST_REDIS=embedded} — force the Redis 6.2 binary from the Maven artifact;</li>
 *   <li>{@code redis-server} from PATH on a free loopback port;</li>
 *   <li>else the Redis 6.2 binary shipped in {@code com.github.codemonstur:embedded-redis}.</li>
 * </ol>
 * Tests that need their own server (to kill or pause it) use {@link LocalRedis} directly.
 */
public final class RedisExtension implements ParameterResolver, BeforeEachCallback {

    public static final String ENV = "QUANTUM_SAFETY_TEST_REDIS";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestRedis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        try (Jedis jedis = shared(context).connect()) {
            jedis.flushAll();
        }
    }

    private static TestRedis shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestRedis.class, k -> startShared(), TestRedis.class);
    }

    private static TestRedis startShared() {
        String configured = Optional.ofNullable(System.getenv(ENV)).orElse("").trim();
        try {
            if (configured.startsWith("redis://")) {
                java.net.URI uri = java.net.URI.create(configured);
                return new TestRedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), null);
            }
            Optional<LocalRedis.Source> source = switch (configured.toLowerCase(Locale.ROOT)) {
                case "embedded" -> Optional.of(LocalRedis.Source.EMBEDDED);
                case "path" -> Optional.of(LocalRedis.Source.PATH);
                case "" -> Optional.empty();
                default -> throw new ParameterResolutionException(ENV + "='" + configured
                        + "' is not understood; use redis://host:port, 'path' or 'embedded'");
            };
            LocalRedis redis = LocalRedis.start(source);
            return new TestRedis(redis.host(), redis.port(), redis);
        } catch (IOException e) {
            throw new ParameterResolutionException("cannot start a Redis for tests: " + e.getMessage(), e);
        }
    }
}
